/**
 * Reads a 2xx completion body into a CompletionState: an SSE stream (by content type) or a JSON document. Once this
 * runs, the request is never retried: output may already have reached the user (design §3).
 */
import type { AppError } from '../../../shared/result';
import type { CompletionState } from './completion-state';
import { errorFromNetwork, errorFromStreamPayload, readableText } from './errors';
import { createSseDecoder } from './sse-decoder';

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

/** Reads an SSE body; stops at `[DONE]`, at the first error, or when the signal aborts (then it throws). */
const readSse = async (
  body: ReadableStream<Uint8Array>,
  state: CompletionState,
  signal: AbortSignal,
  url: string,
) => {
  let stopped = false;
  let sawDone = false;
  let error: AppError | undefined;
  let last = '';
  const decoder = createSseDecoder(
    (data, event) => {
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
  const onAbort = () => void reader.cancel().catch(() => undefined);
  signal.addEventListener('abort', onAbort, { once: true });
  let finished = false;
  try {
    while (!stopped) {
      let result: Awaited<ReturnType<typeof reader.read>>;
      try {
        result = await reader.read();
      } catch (err) {
        if (signal.aborted) throw err;
        const lost = errorFromNetwork(err, url);
        error = { ...lost, message: `The stream was interrupted: ${lost.message}` };
        break;
      }
      if (result.done) {
        finished = true;
        decoder.end();
        break;
      }
      // Outside the read's try: a failing event listener is a bug to surface, not a network error.
      decoder.push(result.value);
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    // Leaving early (DONE, error, a throw) releases the connection instead of draining whatever follows.
    if (!finished) await reader.cancel().catch(() => undefined);
  }
  return { error: error ?? incomplete(state, sawDone), raw: clip(last) };
};

/** Reads a 2xx body. Throws only when `signal` aborted (the caller reports `cancelled`). */
export const readCompletionBody = async (
  response: Response,
  state: CompletionState,
  signal: AbortSignal,
  url: string,
): Promise<BodyOutcome> => {
  const type = (response.headers.get('content-type') ?? '').toLowerCase();
  if (type.includes('text/event-stream') && response.body) return readSse(response.body, state, signal, url);
  let text: string;
  try {
    text = await response.text();
  } catch (err) {
    if (signal.aborted) throw err;
    const lost = errorFromNetwork(err, url);
    return { error: { ...lost, message: `The response was interrupted: ${lost.message}` } };
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
    return readSse(stream, state, signal, url);
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
