/**
 * Retry decisions with the r9s SDK's RetryConfig semantics (backoff strategy): which failures are worth another
 * attempt, and how long to wait before it.
 */
import type { AppError } from '../../../shared/result';
import type { RetryPolicy } from '../../../shared/schemas';

/**
 * The longest server-requested wait (Retry-After / retry-after-ms) we honour. Longer hints are clamped to this;
 * the run's maxElapsedMs budget still applies on top, and a wait that would overrun it ends the run instead.
 */
export const RETRY_AFTER_CAP_MS = 60_000;

/** Statuses that usually mean "try again shortly". */
const RETRY_STATUSES = new Set([429, 502, 503, 504]);

/** Whether a failed attempt is worth retrying under the policy (before any byte of a streamed body). */
export const isRetryable = (error: AppError, policy: RetryPolicy): boolean => {
  if (!policy.enabled) return false;
  if (error.status === undefined) {
    return policy.retryConnectionErrors && (error.kind === 'network' || error.kind === 'timeout');
  }
  if (RETRY_STATUSES.has(error.status)) return true;
  // A 500 about an unsupported parameter will fail the same way every time: show it instead.
  if (error.status === 500) return policy.retryServerErrors && !/unsupported param/i.test(error.message);
  return false;
};

/** The server's requested wait in ms from `retry-after-ms`, `Retry-After` seconds or HTTP-date; undefined if none. */
export const retryAfterMs = (headers: Headers, now: number): number | undefined => {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '') {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return Math.min(value, RETRY_AFTER_CAP_MS);
  }
  const after = headers.get('retry-after');
  if (after === null || after.trim() === '') return undefined;
  const seconds = Number(after);
  if (Number.isFinite(seconds))
    return seconds >= 0 ? Math.min(seconds * 1000, RETRY_AFTER_CAP_MS) : undefined;
  const date = Date.parse(after);
  if (Number.isNaN(date)) return undefined;
  return Math.min(Math.max(0, date - now), RETRY_AFTER_CAP_MS);
};

/**
 * Backoff before retry number `retry` (1 = the first retry): initial × exponent^(retry−1), capped at maxIntervalMs,
 * with ±25% jitter so many clients hitting the same limit do not come back in lockstep.
 */
export const backoffMs = (policy: RetryPolicy, retry: number, random: () => number): number => {
  const base = Math.min(policy.initialIntervalMs * policy.exponent ** (retry - 1), policy.maxIntervalMs);
  const jittered = base * (0.75 + 0.5 * random());
  return Math.round(Math.min(jittered, policy.maxIntervalMs));
};

/** The wait before the next attempt, or undefined when the policy says stop (attempts or elapsed budget spent). */
export const nextDelay = (args: {
  policy: RetryPolicy;
  error: AppError;
  attempt: number;
  elapsedMs: number;
  hintMs: number | undefined;
  random: () => number;
}): number | undefined => {
  const { policy, error, attempt, elapsedMs, hintMs, random } = args;
  if (!isRetryable(error, policy) || attempt >= policy.maxAttempts) return undefined;
  const delay = hintMs !== undefined ? Math.round(hintMs) : backoffMs(policy, attempt, random);
  if (elapsedMs + delay > policy.maxElapsedMs) return undefined;
  return delay;
};
