/** A run's parameters in brief (ParamsBrief), built one way for history rows and for what they are compared with. */
import type { BriefParamKey, ParamsBrief } from './api';
import type { CompletionParams } from './params';

const COUNTED = new Set<BriefParamKey>(['stop', 'logit_bias']);
const LEFT_OUT = new Set(['model', 'prompt', 'user']);

/**
 * The brief of a setup: each set number and switch as it is, stop sequences and logit bias by their count (an empty
 * list is not sent, so it counts as not set). Stored runs are read loosely, so values of an odd type are skipped.
 */
export const briefParams = (params: Partial<CompletionParams>): ParamsBrief => {
  const brief: ParamsBrief = {};
  for (const [key, value] of Object.entries(params) as [string, unknown][]) {
    if (LEFT_OUT.has(key)) continue;
    const at = key as BriefParamKey;
    if (COUNTED.has(at)) {
      const count = Array.isArray(value)
        ? value.length
        : typeof value === 'object' && value !== null
          ? Object.keys(value).length
          : 0;
      if (count > 0) brief[at] = count;
    } else if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') {
      brief[at] = value;
    }
  }
  return brief;
};
