import { PARAM_SPECS } from '../../../../shared/params';
import type { AppError } from '../../../../shared/result';

const WIRE_NAMES = new Set<string>(PARAM_SPECS.map((s) => s.wire));
const labelOf = (wire: string) => PARAM_SPECS.find((s) => s.wire === wire)?.label ?? wire;

/** The parameter a server says it does not support, from `error.param` or messages like "Unsupported param: best_of". */
export function unsupportedParam(error: AppError): string | undefined {
  const m =
    /(?:unsupported|unknown|unrecognized|not supported)[^a-z]*(?:param(?:eter)?s?|field|argument)?[\s:'"`]*([a-z_]+)/i.exec(
      error.message,
    );
  const fromMessage = m?.[1] && WIRE_NAMES.has(m[1]) ? m[1] : undefined;
  if (fromMessage) return fromMessage;
  const m2 = /[`'"]?([a-z_]+)[`'"]? (?:is )?(?:not supported|unsupported)/i.exec(error.message);
  if (m2?.[1] && WIRE_NAMES.has(m2[1])) return m2[1];
  if (error.param && WIRE_NAMES.has(error.param) && /support/i.test(error.message)) return error.param;
  return undefined;
}

const isModelProblem = (e: AppError) =>
  /model/i.test(e.message) &&
  /(not found|does not exist|unknown|no such|invalid|not available)/i.test(e.message);

/** What the user should do about an error, in one sentence. */
export function errorHint(error: AppError): string | undefined {
  const param = unsupportedParam(error);
  if (param)
    return `The server does not accept “${param}”: press Unset on ${labelOf(param)} (or remove it from Extra body) and run again.`;
  if (error.kind === 'authentication' || error.status === 401) {
    return 'Check the API key for this profile in Settings (it may be missing, mistyped or revoked).';
  }
  if (error.kind === 'permission_denied' || error.status === 403) {
    return 'The key is valid but not allowed to do this: check its permissions or the model’s access.';
  }
  if (error.kind === 'rate_limited' || error.status === 429) {
    return 'Rate limit or balance: wait a moment, run fewer requests at once, or check your account balance.';
  }
  if (isModelProblem(error) || error.kind === 'not_found' || error.status === 404) {
    return 'Unknown model or endpoint: pick a model from the Model list, and check the profile’s base URL.';
  }
  if (error.kind === 'invalid_input') {
    const field = error.param?.replace(/^params\./, '');
    return field
      ? `Fix ${labelOf(field)} in the parameters and run again.`
      : 'Fix the request and run again.';
  }
  if (error.kind === 'network') return 'Could not reach the server: check the base URL and your connection.';
  if (error.kind === 'timeout') return 'The server took too long to answer: try again, or lower Max tokens.';
  if (error.kind === 'unavailable' || error.status === 502 || error.status === 503 || error.status === 504) {
    return 'The server is unavailable or overloaded: try again shortly.';
  }
  if (error.kind === 'protocol')
    return 'The server’s answer was not a valid completions response: check the base URL.';
  if (error.kind === 'server_error') return 'The server failed: its message above may name the cause.';
  if (error.kind === 'bad_request' || error.kind === 'unprocessable') {
    return 'The server refused the request: its message above names the problem.';
  }
  return undefined;
}
