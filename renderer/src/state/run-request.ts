import { dropUnset } from '../../../shared/request-body';
import type { Draft, RunRequest } from '../../../shared/schemas';
import { fillTemplate, type FillResult } from '../../../shared/template';

/**
 * The prompt a draft sends: its `{{variables}}` filled with the draft's values and `\{{` escapes applied. A prompt
 * with a variable left unfilled is sent as typed; the run gate refuses it before it gets here
 * (renderer/src/features/prompt/run-gate.ts).
 */
export function promptToSend(draft: Draft): string {
  const { prompt } = draft.params;
  if (!prompt.includes('{{')) return prompt;
  const filled = fillDraftPrompt(draft);
  return filled.ok ? filled.text : prompt;
}

/** Fills the draft's prompt; an empty field in the Variables form counts as not filled, as it looks. */
export function fillDraftPrompt(draft: Draft): FillResult {
  const values = Object.entries(draft.variables ?? {}).filter(([, v]) => v !== '');
  return fillTemplate(draft.params.prompt, Object.fromEntries(values));
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
    params: dropUnset({ ...draft.params, prompt: promptToSend(draft) }),
    ...(extra ? { extraBody: extra } : {}),
    ...(presetName ? { presetName } : {}),
  };
}
