/**
 * Reads a 2xx completion body into a CompletionState: an SSE stream (by content type) or a JSON document. Once this
 * runs, the request is never retried: output may already have reached the user. Every wait is bounded (the
 * watchdog's idle limit), and so is every buffer (the output limit per choice, and `maxBodyBytes` for a document or
 * one event); the stream is read only as fast as the run's events are taken (`whenWritable`).
 */
import type { AppError } from '../../../shared/result';
import { readBodyText } from './body-text';
import type { CompletionState } from './completion-state';
import { errorFromNetwork, errorFromStreamPayload, readableText } from './errors';
import { bodyLimitError, errorFromTimeout } from './guard-errors';
import { createSseDecoder } from './sse-decoder';
import type { RequestTimeouts, Watchdog } from './watchdog';

/** Most characters of the final chunk or body kept in the ResponseRecord. */
export const RAW_LIMIT = 64 * 1024;

/** How reading the body ended: `error` unset means every choice finished. */
export interface BodyOutcome {
  error?: AppError;
  /** The raw final data payload (streamed) or the body (not streamed), at most RAW_LIMIT characters. */
  raw?: string;
}

const clip = (text: string): string => (text.length > RAW_LIMIT ? text.slice(0, RAW_LIMIT) : text);

const tryJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

const list = (indices: number[]): string =>
  indices.length === 1 ? `choice ${indices[0]}` : `choices ${indices.join(', ')}`;

/** The protocol error of a stream that ended before every choice had a finish_reason. */
const incomplete = (state: CompletionState, sawDone: boolean): AppError | undefined => {
  const open = state.unfinished();
  if (open.length === 0) return undefined;
  const how = sawDone ? 'sent [DONE]' : 'closed the stream';
  return { kind: 'protocol', message: `The server ${how} before ${list(open)} finished (no finish_reason).` };
};

/** What reading a body needs besides the body. */
export interface BodyReadContext {
  state: CompletionState;
  /** The run's own signal: when it aborts, reading throws (the caller reports `cancelled`). */
  signal: AbortSignal;
  url: string;
  watchdog: Watchdog;
  timeouts: RequestTimeouts;
  /** Most bytes of a non-streamed body, or of one SSE event, that are read. */
  maxBodyBytes: number;
  /** A promise while the consumer of the run's events is not taking more; the next read waits for it. */
  whenWritable?: () => Promise<void> | undefined;
}

/** Resolves when `wait` settles or `signal` aborts, whichever comes first. */
const untilAborted = (wait: Promise<void>, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      signal.removeEventListener('abort', done);
      resolve();
    };
    signal.addEventListener('abort', done, { once: true });
    wait.then(done, done);
  });

/** The error of a body read that threw while the run was not cancelled: a timeout, or the network. */
const lostBody = (err: unknown, ctx: BodyReadContext, what: string): AppError => {
  const { watchdog } = ctx;
  if (watchdog.fired) return errorFromTimeout(watchdog.fired, ctx.timeouts.idleMs, ctx.url);
  const lost = errorFromNetwork(err, ctx.url);
  return { ...lost, message: `${what} was interrupted: ${lost.message}` };
};

/** Reads an SSE body; stops at `[DONE]`, at the first error, or when the signal aborts (then it throws). */
const readSse = async (body: ReadableStream<Uint8Array>, ctx: BodyReadContext): Promise<BodyOutcome> => {
  const { state, signal, watchdog } = ctx;
  let stopped = false;
  let sawDone = false;
  let error: AppError | undefined;
  let last = '';
  // Bytes since the last complete event: a server that never ends a line must not grow the parser's buffer forever.
  let pendingBytes = 0;
  const decoder = createSseDecoder(
    (data, event) => {
      pendingBytes = 0;
      if (stopped || signal.aborted) return;
      if (data === '[DONE]') {
        sawDone = stopped = true;
        return;
      }
      last = data;
      let payload: unknown;
      try {
        payload = JSON.parse(data);
      } catch {
        // An `event: error` may carry plain text; anything else that is not JSON breaks the protocol.
        error =
          event === 'error'
            ? errorFromStreamPayload(data, data)
            : {
                kind: 'protocol',
                message: `The server sent an event that is not JSON: ${data.slice(0, 200)}`,
              };
        stopped = true;
        return;
      }
      const applied =
        event === 'error'
          ? { ok: false as const, error: errorFromStreamPayload(payload, data) }
          : state.apply(payload, data);
      if (!applied.ok) {
        error = applied.error;
        stopped = true;
      }
    },
    // llama.cpp: `error: {"code":500,"message":...}` then `data: [DONE]`.
    (value) => {
      if (stopped) return;
      last = value;
      error = errorFromStreamPayload(tryJson(value) ?? value, value);
      stopped = true;
    },
  );
  const reader = body.getReader();
  // Cancelling the reader settles a pending read. Aborting the fetch alone does not when the body had already
  // arrived in full: undici then leaves the next read pending for ever.
  const onAbort = () => void reader.cancel().catch(() => undefined);
  signal.addEventListener('abort', onAbort, { once: true });
  watchdog.signal.addEventListener('abort', onAbort, { once: true });
  let finished = false;
  try {
    while (!stopped) {
      const wait = ctx.whenWritable?.();
      // Waiting for our own consumer is not the server's silence: the watchdog holds its clock meanwhile.
      if (wait) await watchdog.hold(untilAborted(wait, signal));
      if (signal.aborted) break;
      let result: Awaited<ReturnType<typeof reader.read>>;
      try {
        result = await reader.read();
      } catch (err) {
        if (signal.aborted) throw err;
        error = lostBody(err, ctx, 'The stream');
        break;
      }
      if (watchdog.fired) {
        error = lostBody(undefined, ctx, 'The stream');
        break;
      }
      if (result.done) {
        finished = true;
        decoder.end();
        break;
      }
      watchdog.touch();
      pendingBytes += result.value.length;
      // Outside the read's try: a failing event listener is a bug to surface, not a network error.
      decoder.push(result.value);
      if (!stopped && pendingBytes > ctx.maxBodyBytes) {
        error = bodyLimitError('One event of the stream', ctx.maxBodyBytes);
        break;
      }
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    watchdog.signal.removeEventListener('abort', onAbort);
    // Leaving early (DONE, error, a throw) releases the connection instead of draining whatever follows.
    if (!finished) await reader.cancel().catch(() => undefined);
  }
  return { error: error ?? incomplete(state, sawDone), raw: clip(last) };
};

/** Reads a 2xx body. Throws only when the run's signal aborted (the caller reports `cancelled`). */
export const readCompletionBody = async (response: Response, ctx: BodyReadContext): Promise<BodyOutcome> => {
  const { state, signal } = ctx;
  const type = (response.headers.get('content-type') ?? '').toLowerCase();
  if (type.includes('text/event-stream') && response.body) return readSse(response.body, ctx);
  let text: string;
  try {
    const read = await readBodyText(response.body, ctx.maxBodyBytes, ctx.watchdog);
    if (read.isTruncated) return { error: bodyLimitError('The response', ctx.maxBodyBytes) };
    text = read.text;
  } catch (err) {
    if (signal.aborted) throw err;
    return { error: lostBody(err, ctx, 'The response') };
  }
  const raw = clip(text);
  // Lenient: an SSE body with a wrong content type still decodes.
  if (/^\s*data:/.test(text)) {
    const bytes = new TextEncoder().encode(text);
    const stream = new ReadableStream<Uint8Array>({
      start: (controller) => {
        controller.enqueue(bytes);
        controller.close();
      },
    });
    return readSse(stream, ctx);
  }
  const payload = tryJson(text);
  if (payload === undefined) {
    const what = type === '' ? 'no content type' : type;
    const excerpt = (type.includes('html') ? readableText(text) : text.trim()).slice(0, 200);
    return { raw, error: { kind: 'protocol', message: `Expected a completion, got ${what}: ${excerpt}` } };
  }
  const applied = state.apply(payload, text, true);
  if (!applied.ok) return { raw, error: applied.error };
  if (state.ends.size === 0)
    return { raw, error: { kind: 'protocol', message: 'The response has no choices.' } };
  return { raw };
};
