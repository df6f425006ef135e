/**
 * Parameter-level diff between two setups: current vs saved preset, preset vs preset, and the compare columns'
 * highlighting. A parameter is compared as it would be sent (the shared request builder), so "not set" is a state of
 * its own (not set → 1 differs) while an empty stop list or bias table is the same as "not set": neither is sent.
 */
import { PARAM_SPECS, type CompletionParams } from './params';
import { buildBody } from './request-body';
import { FORBIDDEN_KEYS } from './schemas';

/** What a diff compares: the parameters and the extra body of a request. */
export interface Setup {
  params: CompletionParams;
  extraBody?: Record<string, unknown>;
}

/** How one field changed. */
export type ChangeKind = 'set' | 'unset' | 'changed';

/** What a change is keyed by: a field of the parameters (`model`, `prompt`, `stream`, a wire name) or an extra-body key. */
export type DiffKey = keyof CompletionParams | `extra.${string}`;

/** One differing field. */
export interface ParamChange {
  key: DiffKey;
  label: string;
  before: unknown;
  after: unknown;
  change: ChangeKind;
}

/** The fields compared, in display order. */
export const DIFF_FIELDS: readonly { key: keyof CompletionParams; label: string }[] = [
  { key: 'model', label: 'Model' },
  { key: 'prompt', label: 'Prompt' },
  { key: 'stream', label: 'Stream' },
  ...PARAM_SPECS.map((s) => ({ key: s.wire, label: s.label })),
];

/** Deep equality for JSON values; object key order does not matter, array order does. */
export const valuesEqual = (a: unknown, b: unknown): boolean => {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v: unknown, i) => valuesEqual(v, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const ka = Object.keys(ra).filter((k) => ra[k] !== undefined);
  const kb = Object.keys(rb).filter((k) => rb[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(rb, k) && valuesEqual(ra[k], rb[k]));
};

/** Options of diffSetups. */
export interface DiffOptions {
  /** Compare the prompt too (off when the preset does not include its prompt). */
  includePrompt?: boolean;
}

const kindOf = (before: unknown, after: unknown): ChangeKind =>
  before === undefined ? 'set' : after === undefined ? 'unset' : 'changed';

const extraKeys = (a?: Record<string, unknown>, b?: Record<string, unknown>): string[] =>
  [...new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])]
    .filter((k) => !FORBIDDEN_KEYS.has(k))
    .sort();

/**
 * Each field as it would be sent, the extra body aside (it is compared key by key). Stream is the user's choice, not
 * the body's: best_of may turn it off in the body, but the switch the user set is what changed.
 */
const sentValues = (params: CompletionParams): Record<string, unknown> => ({
  ...buildBody(params),
  stream: params.stream,
});

/** Every field that differs between two setups, in display order. */
export const diffSetups = (before: Setup, after: Setup, opts: DiffOptions = {}): ParamChange[] => {
  const changes: ParamChange[] = [];
  const sentBefore = sentValues(before.params);
  const sentAfter = sentValues(after.params);
  for (const { key, label } of DIFF_FIELDS) {
    if (key === 'prompt' && opts.includePrompt === false) continue;
    const b = sentBefore[key];
    const a = sentAfter[key];
    if (!valuesEqual(b, a)) changes.push({ key, label, before: b, after: a, change: kindOf(b, a) });
  }
  for (const k of extraKeys(before.extraBody, after.extraBody)) {
    const b = before.extraBody?.[k];
    const a = after.extraBody?.[k];
    if (!valuesEqual(b, a)) {
      changes.push({
        key: `extra.${k}`,
        label: `Extra body: ${k}`,
        before: b,
        after: a,
        change: kindOf(b, a),
      });
    }
  }
  return changes;
};

/** A preset as far as the modified marker cares. */
export interface PresetLike extends Setup {
  includesPrompt: boolean;
}

/** The changes from a saved preset to the current setup; the prompt counts only if the preset includes it. */
export const diffAgainstPreset = (preset: PresetLike, current: Setup): ParamChange[] =>
  diffSetups(preset, current, { includePrompt: preset.includesPrompt });

/** Whether the current setup differs from the preset it was loaded from (the "modified" marker). */
export const isModifiedFrom = (preset: PresetLike, current: Setup): boolean =>
  diffAgainstPreset(preset, current).length > 0;

/** The keys (as in ParamChange.key) on which any two of the setups differ — compare-column highlighting. */
export const differingKeys = (setups: readonly Setup[], opts: DiffOptions = {}): Set<DiffKey> => {
  const keys = new Set<DiffKey>();
  const first = setups[0];
  if (!first) return keys;
  for (const other of setups.slice(1)) for (const c of diffSetups(first, other, opts)) keys.add(c.key);
  return keys;
};

/** A value as shown in a diff: "not set" for undefined, long text shortened. */
export const formatParamValue = (value: unknown, maxChars = 80): string => {
  if (value === undefined) return 'not set';
  const text = JSON.stringify(value) ?? typeof value;
  return text.length > maxChars ? `${text.slice(0, maxChars - 1)}…` : text;
};
