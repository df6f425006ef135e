/**
 * The building blocks of a check's verdicts: one constructor per status, and the verdicts on the parameters of a
 * refused request.
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
