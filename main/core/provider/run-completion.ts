/**
 * One completion run end to end: build the request, send it with retries, read the answer into delta events, and
 * finish with exactly one terminal event (design rule 7). Never throws: every failure is an `error` event.
 */
import type { CompletionParams } from '../../../shared/params';
import type { AppError } from '../../../shared/result';
import type { ResponseRecord, RunEvent, RunMetrics, TerminalRunEvent } from '../../../shared/run-events';
import type { Clock, FetchLike } from '../ports';
import { CompletionState } from './completion-state';
import { errorFromNetwork, errorFromResponse } from './errors';
import { buildCompletionRequest, type ProviderTarget } from './request';
import { nextDelay, retryAfterMs } from './retry';
import { RAW_LIMIT, readCompletionBody } from './stream-reader';

/** Everything a run needs; ports are injected so tests use a real server with fake time. */
export interface RunCompletionOptions {
  runId: string;
  target: ProviderTarget;
  params: CompletionParams;
  extraBody?: Record<string, unknown>;
  /** Aborting it cancels the request, the body read or the retry wait; the run then ends `cancelled`. */
  signal: AbortSignal;
  emit: (event: RunEvent) => void;
  fetch: FetchLike;
  clock: Clock;
  /** Jitter source for backoff (default Math.random). */
  random?: () => number;
}

/** A failed attempt that the retry policy may give another go. */
interface Failure {
  error: AppError;
  record?: ResponseRecord;
  hintMs?: number;
}

const headerRecord = (headers: Headers): Record<string, string> => Object.fromEntries(headers.entries());

/** Runs one completion; emits `started`, deltas, `retrying`, `usage`, then one terminal event, and returns it. */
export const runCompletion = async (options: RunCompletionOptions): Promise<TerminalRunEvent> => {
  const { runId, target, params, extraBody, signal, emit, fetch, clock } = options;
  const random = options.random ?? Math.random;
  const start = clock.now();
  let attempts = 0;
  let terminal: TerminalRunEvent | undefined;
  let state: CompletionState | undefined;

  const metrics = (): RunMetrics => {
    const end = clock.now();
    const m: RunMetrics = { durationMs: end - start, attempts };
    const first = state?.firstTokenAt;
    if (state && first !== undefined) {
      m.ttftMs = first - start;
      const tokens = state.usage?.completion_tokens ?? state.deltaCount;
      if (end > first && tokens > 0) m.tokensPerSecond = tokens / ((end - first) / 1000);
    }
    return m;
  };
  const finish = (event: TerminalRunEvent): TerminalRunEvent => {
    if (terminal) return terminal;
    terminal = event;
    try {
      emit(event);
    } catch {
      // A broken listener must not turn into a second terminal event; the run's result is still returned.
    }
    return event;
  };
  const cancelled = () => finish({ type: 'cancelled', runId, metrics: metrics() });
  const failed = (error: AppError, response?: ResponseRecord) =>
    finish({
      type: 'error',
      runId,
      error,
      metrics: metrics(),
      partial: (state?.deltaCount ?? 0) > 0,
      response,
    });

  try {
    const req = buildCompletionRequest(target, params, extraBody);
    emit({ type: 'started', runId, request: req.record, streamed: req.streamed, at: start });
    const n = req.body['n'];
    const run = new CompletionState(runId, typeof n === 'number' && n >= 1 ? Math.floor(n) : 1, emit, clock);
    state = run;

    /** One attempt: a terminal event, or a failure that may be retried. */
    const attempt = async (): Promise<TerminalRunEvent | Failure> => {
      let response: Response;
      try {
        response = await fetch(req.url, { method: 'POST', headers: req.headers, body: req.bodyText, signal });
      } catch (err) {
        if (signal.aborted) return cancelled();
        return { error: errorFromNetwork(err, req.url) };
      }
      const record: ResponseRecord = {
        status: response.status,
        statusText: response.statusText,
        headers: headerRecord(response.headers),
      };
      if (!response.ok) {
        const text = await response.text().catch(() => '');
        if (signal.aborted) return cancelled();
        record.raw = text.slice(0, RAW_LIMIT);
        const error = errorFromResponse(response.status, response.statusText, text, response.headers);
        return { error, record, hintMs: retryAfterMs(response.headers, Date.now()) };
      }
      // From the first byte of the body on, no retry (design §3): output may already be on screen.
      const outcome = await readCompletionBody(response, run, signal, req.url);
      if (signal.aborted) return cancelled();
      if (outcome.raw !== undefined) record.raw = outcome.raw;
      if (outcome.error) return failed(outcome.error, record);
      const choices = run.choiceEnds();
      return finish({ type: 'done', runId, choices, usage: run.usage, metrics: metrics(), response: record });
    };

    for (;;) {
      if (signal.aborted) return cancelled();
      attempts++;
      const result = await attempt();
      if ('type' in result) return result;
      const { error, record, hintMs } = result;
      const elapsedMs = clock.now() - start;
      const delayMs = nextDelay({
        policy: target.retry,
        error,
        attempt: attempts,
        elapsedMs,
        hintMs,
        random,
      });
      if (delayMs === undefined) return failed(error, record);
      const maxAttempts = target.retry.maxAttempts;
      const reason = error.message;
      emit({
        type: 'retrying',
        runId,
        attempt: attempts + 1,
        maxAttempts,
        delayMs,
        reason,
        status: error.status,
      });
      try {
        await clock.sleep(delayMs, signal);
      } catch {
        // An injected clock may reject on abort; the check at the top of the loop covers both behaviours.
      }
    }
  } catch (err) {
    if (signal.aborted) return cancelled();
    const message = err instanceof Error ? err.message : String(err);
    return failed({ kind: 'protocol', message: `Internal error while running the request: ${message}` });
  }
};
