/**
 * The building blocks of a check's verdicts: reading a completion answer (plain or streamed) leniently, and turning
 * a refused request into verdicts on the parameters it carried.
 */
import type { CheckedParam, ParamCheck } from '../../../shared/capabilities';
import { mentionsParam } from '../../../shared/capability-rejections';
import type { AppError } from '../../../shared/result';

/** Statuses that mean "the server refused what was in the body" (llama.cpp uses 500 for an unsupported key). */
const REFUSING = new Set([400, 422, 500, 501]);

/** Honoured; `observed` when its effect was seen. */
export const honoured = (evidence: 'observed' | 'accepted', reason: string): ParamCheck => ({
  status: 'honoured',
  evidence,
  reason,
});
/** Accepted but without effect. */
export const ignored = (reason: string): ParamCheck => ({ status: 'ignored', reason });
/** Not checked, and why. */
export const notChecked = (reason: string): ParamCheck => ({ status: 'not-checked', reason });

const clip = (text: string, max = 300) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * Verdicts on the parameters of a refused request. A refusal (400, 422, 500, 501) is pinned on the only parameter,
 * the one the error's `param` names, or the one its message names; the others are then not checked. Any other
 * failure (401, 429, a timeout) says nothing about the parameters.
 */
export const blame = (
  error: AppError,
  params: readonly CheckedParam[],
): Partial<Record<CheckedParam, ParamCheck>> => {
  const out: Partial<Record<CheckedParam, ParamCheck>> = {};
  const status = error.status;
  if (status === undefined || !REFUSING.has(status)) {
    for (const p of params) out[p] = notChecked(clip(`the request failed: ${error.message}`));
    return out;
  }
  const named = params.filter((p) => mentionsParam(error.message, p));
  const culprit =
    params.length === 1
      ? params[0]
      : (params.find((p) => p === error.param) ?? (named.length === 1 ? named[0] : undefined));
  for (const p of params) {
    if (p === culprit)
      out[p] = {
        status: 'rejected',
        httpStatus: status,
        message: clip(error.message, 1000),
        reason: clip(`the server answered HTTP ${status} to a request carrying ${p}`),
      };
    else if (culprit)
      out[p] = notChecked(
        `the request that carried it was refused because of ${culprit}; there was no budget to retry`,
      );
    else
      out[p] = notChecked(
        clip(
          `the request carrying ${params.join(', ')} was refused (HTTP ${status} '${error.message}') without naming one`,
        ),
      );
  }
  return out;
};

/** One choice of a completion answer. */
export interface ChoiceView {
  text: string;
  finishReason: string | undefined;
  logprobs: unknown;
}

/** A completion answer, read leniently. */
export interface CompletionView {
  choices: ChoiceView[];
  usage?: { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number };
  fingerprint?: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const usageOf = (v: unknown): CompletionView['usage'] => {
  if (!isRecord(v)) return undefined;
  const out: NonNullable<CompletionView['usage']> = {};
  for (const key of ['prompt_tokens', 'completion_tokens', 'total_tokens'] as const) {
    const n = v[key];
    if (typeof n === 'number' && Number.isInteger(n) && n >= 0) out[key] = n;
  }
  return Object.keys(out).length > 0 ? out : undefined;
};

/** Folds payloads (one for a plain answer, one per event for a stream) into choices by index. */
export const readCompletion = (payloads: readonly unknown[]): CompletionView => {
  const byIndex = new Map<number, ChoiceView>();
  const view: CompletionView = { choices: [] };
  for (const payload of payloads) {
    if (!isRecord(payload)) continue;
    view.usage = usageOf(payload['usage']) ?? view.usage;
    const fp = payload['system_fingerprint'];
    if (typeof fp === 'string' && fp !== '') view.fingerprint = fp.slice(0, 200);
    const choices = Array.isArray(payload['choices']) ? payload['choices'] : [];
    for (const [position, c] of choices.entries()) {
      if (!isRecord(c)) continue;
      const index = typeof c['index'] === 'number' ? c['index'] : position;
      const choice = byIndex.get(index) ?? { text: '', finishReason: undefined, logprobs: undefined };
      byIndex.set(index, choice);
      if (typeof c['text'] === 'string') choice.text += c['text'];
      if (typeof c['finish_reason'] === 'string') choice.finishReason = c['finish_reason'];
      if (c['logprobs'] !== null && c['logprobs'] !== undefined) choice.logprobs ??= c['logprobs'];
    }
  }
  view.choices = [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, c]) => c);
  return view;
};
