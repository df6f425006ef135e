import type { CompletionParams } from '../../../shared/params';
import type { Draft, RunRequest } from '../../../shared/schemas';

/** Keeps only set parameters, so an unset one is never sent (docs/architecture.md#not-set-not-sent). */
export function withoutUnset(params: CompletionParams): CompletionParams {
  const out = { ...params };
  for (const key of Object.keys(out) as (keyof CompletionParams)[]) {
    if (out[key] === undefined) delete out[key];
  }
  return out;
}

/**
 * The request that runs `draft` on a profile: the one place a run request is built, for the playground and for Compare
 * alike. Unset parameters and an empty extra body are left out.
 */
export function runRequestFor(
  runId: string,
  draft: Draft,
  profileId: string,
  presetName?: string,
): RunRequest {
  const extra = draft.extraBody && Object.keys(draft.extraBody).length > 0 ? draft.extraBody : undefined;
  return {
    runId,
    profileId,
    params: withoutUnset(draft.params),
    ...(extra ? { extraBody: extra } : {}),
    ...(presetName ? { presetName } : {}),
  };
}
