import type { BriefParamKey, ParamsBrief } from '../../../../shared/api';
import { DEFAULT_PARAMS, PARAM_SPECS } from '../../../../shared/params';
import { briefParams } from '../../../../shared/params-brief';

/** One parameter a history row shows. */
export interface ParamMark {
  key: BriefParamKey;
  text: string;
  /** It differs from the row above: what tells two neighbouring runs (a sweep's) apart. */
  isChangedFromAbove: boolean;
}

/** The parameters in table order, stream last. */
const ORDER: readonly BriefParamKey[] = [
  ...PARAM_SPECS.flatMap((s) => (s.wire === 'user' ? [] : [s.wire])),
  'stream',
];

/** Short names for the long ones; the rest go by their wire name, as in View code. */
const SHORT: Partial<Record<BriefParamKey, string>> = { temperature: 'temp' };

/** A new user's setup, which a row is compared with when nothing is above it. */
const DEFAULTS = briefParams(DEFAULT_PARAMS);

const describe = (key: BriefParamKey, value: number | boolean | undefined): string => {
  const name = SHORT[key] ?? key;
  if (value === undefined) return `${name} not set`;
  if (typeof value === 'boolean') return `${name} ${value ? 'on' : 'off'}`;
  return key === 'stop' || key === 'logit_bias' ? `${name} ×${value}` : `${name} ${value}`;
};

/**
 * What a history row shows of its parameters: each one that differs from a new user's defaults or from the row
 * above (so a sweep's runs read `temp 0.6 · top_p 0.9`, `temp 1 · top_p 0.9` …), with those that differ from the row
 * above marked. Nothing while the row's brief is not loaded.
 */
export function paramMarks(row: ParamsBrief | undefined, above: ParamsBrief | undefined): ParamMark[] {
  if (!row) return [];
  const marks: ParamMark[] = [];
  for (const key of ORDER) {
    const value = row[key];
    const isChangedFromAbove = above !== undefined && above[key] !== value;
    if (value !== DEFAULTS[key] || isChangedFromAbove) {
      marks.push({ key, text: describe(key, value), isChangedFromAbove });
    }
  }
  return marks;
}
