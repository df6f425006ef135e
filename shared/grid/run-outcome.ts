/**
 * What a grid cell's finished run gives the scheduler: the one mapping from a run of the app's run model (its
 * terminal state, outputs and records) to a CellOutcome, used by the app's grid and by the service-level tests.
 * A 429 (or a 503 with Retry-After) becomes `rate_limited`, so the scheduler pauses the whole endpoint.
 */
import type { AppError } from '../result';
import type { ChoiceEnd, RequestRecord, ResponseRecord, RunMetrics, Usage } from '../run-events';
import type { CellOutcome } from './grid-types';

/** A run as it ended, in the run model's terms. */
export interface EndedRun {
  status: 'done' | 'error' | 'cancelled';
  outputs: readonly string[];
  choices?: readonly ChoiceEnd[];
  usage?: Usage;
  metrics?: RunMetrics;
  error?: AppError;
  request?: RequestRecord;
  response?: ResponseRecord;
}

/** Longest Retry-After honoured, in ms (the scheduler caps its pause at a minute too). */
const MAX_RETRY_AFTER_MS = 60_000;

/** The server's Retry-After as ms (seconds or an HTTP date), when it sent one. */
export const retryAfterOf = (response: ResponseRecord | undefined, now: number): number | undefined => {
  const header = Object.entries(response?.headers ?? {}).find(
    ([k]) => k.toLowerCase() === 'retry-after',
  )?.[1];
  if (header === undefined) return undefined;
  const seconds = Number(header.trim());
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  return Number.isFinite(ms) ? Math.min(Math.max(0, ms), MAX_RETRY_AFTER_MS) : undefined;
};

/** The outcome of a cell whose run ended this way. */
export const outcomeOfRun = (run: EndedRun, now: number): CellOutcome => {
  if (run.status === 'cancelled') return { status: 'cancelled' };
  const wait = retryAfterOf(run.response, now);
  const status = run.error?.status ?? run.response?.status;
  if (run.status === 'error' && (status === 429 || (status === 503 && wait !== undefined))) {
    return {
      status: 'rate_limited',
      error: run.error ?? { kind: 'rate_limited', message: 'rate limited' },
      ...(wait !== undefined ? { retryAfterMs: wait } : {}),
    };
  }
  const count = Math.max(run.outputs.length, run.choices?.length ?? 0);
  const common = {
    outputs: Array.from({ length: count }, (_, i) => run.outputs[i] ?? ''),
    finishReasons: Array.from(
      { length: count },
      (_, i) => run.choices?.find((c) => c.index === i)?.finishReason ?? null,
    ),
    ...(run.request ? { request: run.request.body } : {}),
    ...(run.usage ? { usage: run.usage } : {}),
    ...(run.metrics ? { metrics: run.metrics } : {}),
  };
  if (run.status === 'done') return { status: 'succeeded', ...common };
  return { status: 'failed', error: run.error ?? { kind: 'protocol', message: 'the run failed' }, ...common };
};
