/**
 * One completion run end to end: build the request, send it with retries, read the answer into delta events, and
 * finish with exactly one terminal event (docs/architecture.md#one-run-one-terminal-event). Never throws: every
 * failure is an `error` event. Redirects are not followed, every wait has a limit (the profile's timeouts) and so
 * does the output (the output limit per choice).
 */
import type { CompletionParams } from '../../../shared/params';
import type { AppError } from '../../../shared/result';
import type { ResponseRecord, RunEvent, RunMetrics, TerminalRunEvent } from '../../../shared/run-events';
import { OUTPUT_LIMIT_CHARS } from '../../../shared/schemas';
import type { Clock, FetchLike } from '../ports';
import { ERROR_BODY_BYTES, readBodyText } from './body-text';
import { createChoiceLogprobs, echoBytesOf } from './choice-logprobs';
import { CompletionState } from './completion-state';
import { errorFromNetwork, errorFromResponse } from './errors';
import { errorFromRedirect, errorFromTimeout, isRedirect, userinfoError } from './guard-errors';
import { buildCompletionRequest, type ProviderTarget } from './request';
import { nextDelay, retryAfterMs } from './retry';
import { RAW_LIMIT, readCompletionBody } from './stream-reader';
import { startWatchdog } from './watchdog';

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
  /** Most characters kept per choice (default OUTPUT_LIMIT_CHARS.default); reaching it ends the run. */
  outputLimitChars?: number;
  /**
   * A promise while whoever takes the run's events cannot take more (a page that stopped reading); the stream is
   * not read meanwhile, so the server is held up instead of our memory filling. Undefined: go on.
   */
  whenWritable?: () => Promise<void> | undefined;
}

/** Largest document the client parses, whatever the output limit: a V8 string cannot grow much past this. */
const MAX_BODY_BYTES = 256 * 1024 * 1024;

/** A failed attempt that the retry policy may give another go. */
interface Failure {
  error: AppError;
  record?: ResponseRecord;
  hintMs?: number;
}

const headerRecord = (headers: Headers): Record<string, string> => Object.fromEntries(headers.entries());

/** The largest body or event read for a run: every choice at its limit, in 3-byte UTF-8, plus room for the JSON. */
const maxBodyBytesOf = (choices: number, outputLimit: number): number =>
  Math.min(MAX_BODY_BYTES, choices * outputLimit * 3 + 1024 * 1024);

/** Runs one completion; emits `started`, deltas, `retrying`, `usage`, then one terminal event, and returns it. */
export const runCompletion = async (options: RunCompletionOptions): Promise<TerminalRunEvent> => {
  const { runId, target, params, extraBody, signal, emit, fetch, clock } = options;
  const random = options.random ?? Math.random;
  const outputLimit = options.outputLimitChars ?? OUTPUT_LIMIT_CHARS.default;
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
      if (state.isWhole) {
        // A document arrives at once: the time between its first and last token is not a speed. Reported tokens
        // over the whole request is; without a reported count there is no honest figure at all.
        const tokens = state.usage?.completion_tokens;
        if (tokens !== undefined && tokens > 0 && end > start)
          m.tokensPerSecond = tokens / ((end - start) / 1000);
      } else {
        const tokens = state.usage?.completion_tokens ?? state.deltaCount;
        if (end > first && tokens > 0) m.tokensPerSecond = tokens / ((end - first) / 1000);
      }
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
    const refused = userinfoError(target.baseUrl);
    if (refused) return failed(refused);
    const req = buildCompletionRequest(target, params, extraBody);
    emit({ type: 'started', runId, request: req.record, streamed: req.streamed, at: start });
    const n = req.body['n'];
    const choices = typeof n === 'number' && n >= 1 ? Math.floor(n) : 1;
    // Probabilities are read only when asked for (the key is in the body, as a parameter or in the extra body).
    const wantsLogprobs = req.body['logprobs'] !== undefined && req.body['logprobs'] !== null;
    const logprobs = wantsLogprobs ? createChoiceLogprobs({ echoBytes: echoBytesOf(req.body) }) : undefined;
    const run = new CompletionState(runId, choices, emit, clock, outputLimit, logprobs);
    state = run;
    const { timeouts } = target;

    /** One attempt: a terminal event, or a failure that may be retried. */
    const attempt = async (): Promise<TerminalRunEvent | Failure> => {
      const watchdog = startWatchdog(timeouts, () => clock.now());
      try {
        let response: Response;
        try {
          response = await fetch(req.url, {
            method: 'POST',
            headers: req.headers,
            body: req.bodyText,
            signal: AbortSignal.any([signal, watchdog.signal]),
            redirect: 'manual',
          });
        } catch (err) {
          if (signal.aborted) return cancelled();
          if (watchdog.fired) return { error: errorFromTimeout(watchdog.fired, timeouts.headersMs, req.url) };
          return { error: errorFromNetwork(err, req.url) };
        }
        watchdog.headersReceived();
        const record: ResponseRecord = {
          status: response.status,
          statusText: response.statusText,
          headers: headerRecord(response.headers),
        };
        if (isRedirect(response.status)) {
          await response.body?.cancel().catch(() => undefined);
          // Never retried: the same request would be redirected the same way.
          return failed(
            errorFromRedirect(response.status, response.headers.get('location'), req.url),
            record,
          );
        }
        if (!response.ok) {
          const { text } = await readBodyText(response.body, ERROR_BODY_BYTES, watchdog).catch(() => ({
            text: '',
          }));
          if (signal.aborted) return cancelled();
          record.raw = text.slice(0, RAW_LIMIT);
          const error = errorFromResponse(response.status, response.statusText, text, response.headers);
          return { error, record, hintMs: retryAfterMs(response.headers, Date.now()) };
        }
        // From the first byte of the body on, no retry: output may already be on screen.
        const outcome = await readCompletionBody(response, {
          state: run,
          signal,
          url: req.url,
          watchdog,
          timeouts,
          maxBodyBytes: maxBodyBytesOf(choices, outputLimit),
          ...(options.whenWritable ? { whenWritable: options.whenWritable } : {}),
        });
        if (signal.aborted) return cancelled();
        if (outcome.raw !== undefined) record.raw = outcome.raw;
        if (outcome.error) return failed(outcome.error, record);
        const ends = run.choiceEnds();
        return finish({
          type: 'done',
          runId,
          choices: ends,
          usage: run.usage,
          metrics: metrics(),
          response: record,
        });
      } finally {
        watchdog.stop();
      }
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
