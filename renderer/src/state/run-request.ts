import { dropUnset } from '../../../shared/request-body';
import type { Draft, RunRequest } from '../../../shared/schemas';

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
    params: dropUnset(draft.params),
    ...(extra ? { extraBody: extra } : {}),
    ...(presetName ? { presetName } : {}),
  };
}
