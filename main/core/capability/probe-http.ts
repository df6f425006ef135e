/**
 * One bounded request of the capability check or the token counter: no redirects followed (a redirect could carry
 * the key to another host, and a check must talk to the server it names), a deadline, cancellation, and a cap on
 * the bytes read. Failures are values (docs/architecture.md#failures-are-values).
 */
import type { AppError } from '../../../shared/result';
import type { FetchLike } from '../ports';
import { errorFromNetwork, errorFromResponse, errorFromStreamPayload } from '../provider/errors';
import { normalizeBaseUrl } from '../../../shared/base-url';
import { buildHeaders, type ProviderTarget } from '../provider/request';
import { createSseDecoder } from '../provider/sse-decoder';

/** What one request needs. */
export interface ProbeRequest {
  target: ProviderTarget;
  method: 'GET' | 'POST';
  /** Path under the base URL, e.g. `/tokenize`. */
  path: string;
  body?: Record<string, unknown>;
  /** Read the answer as SSE (a streamed completion). */
  stream?: boolean;
  fetch: FetchLike;
  signal: AbortSignal;
  timeoutMs: number;
  /** Most bytes read from the answer; more is a protocol failure. */
  maxBytes: number;
}

/** The outcome of one request. */
export type ProbeAnswer =
  | { kind: 'json'; status: number; payload: unknown; text: string }
  | { kind: 'sse'; status: number; events: unknown[] }
  | { kind: 'failed'; error: AppError }
  | { kind: 'cancelled' };

const tryJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

/** Reads the body chunk by chunk, handing each to `onChunk`; false when it passed `maxBytes` (the rest is dropped). */
const readCapped = async (
  response: Response,
  maxBytes: number,
  onChunk: (bytes: Uint8Array) => void,
): Promise<boolean> => {
  if (!response.body) return true;
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return true;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return false;
    }
    onChunk(value);
  }
};

const tooLarge = (maxBytes: number): ProbeAnswer => ({
  kind: 'failed',
  error: { kind: 'protocol', message: `The answer is larger than ${Math.round(maxBytes / 1024)} kB.` },
});

/** Sends one request and reads its answer within the deadline and the byte cap. */
export const sendProbe = async (req: ProbeRequest): Promise<ProbeAnswer> => {
  const url = `${normalizeBaseUrl(req.target.baseUrl)}${req.path}`;
  const deadline = AbortSignal.timeout(req.timeoutMs);
  const signal = AbortSignal.any([req.signal, deadline]);
  const accept = req.stream ? 'text/event-stream' : 'application/json';
  const headers: Record<string, string> = buildHeaders(req.target, accept);
  if (req.body) headers['Content-Type'] = 'application/json';
  const interrupted = (err: unknown): ProbeAnswer => {
    if (req.signal.aborted) return { kind: 'cancelled' };
    if (deadline.aborted)
      return {
        kind: 'failed',
        error: { kind: 'timeout', message: `No complete answer within ${req.timeoutMs / 1000} s.` },
      };
    return { kind: 'failed', error: errorFromNetwork(err, url) };
  };
  try {
    const response = await req.fetch(url, {
      method: req.method,
      headers,
      body: req.body ? JSON.stringify(req.body) : undefined,
      redirect: 'manual',
      signal,
    });
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel().catch(() => undefined);
      const location = response.headers.get('location') ?? 'another address';
      const message = `HTTP ${response.status}: redirected to ${location}; the check does not follow redirects.`;
      return { kind: 'failed', error: { kind: 'http_error', status: response.status, message } };
    }
    const isSse =
      req.stream && response.ok && /event-stream/i.test(response.headers.get('content-type') ?? '');
    if (isSse) return await readEvents(response, req.maxBytes);
    const decoder = new TextDecoder();
    let text = '';
    const complete = await readCapped(
      response,
      req.maxBytes,
      (b) => (text += decoder.decode(b, { stream: true })),
    );
    if (!complete) return tooLarge(req.maxBytes);
    text += decoder.decode();
    if (!response.ok)
      return {
        kind: 'failed',
        error: errorFromResponse(response.status, response.statusText, text, response.headers),
      };
    return { kind: 'json', status: response.status, payload: tryJson(text), text };
  } catch (err) {
    return interrupted(err);
  }
};

/** Collects a stream's JSON payloads until `[DONE]`; an in-stream error (payload or llama.cpp `error:` line) fails it. */
const readEvents = async (response: Response, maxBytes: number): Promise<ProbeAnswer> => {
  const events: unknown[] = [];
  let error: AppError | undefined;
  const decoder = createSseDecoder(
    (data) => {
      if (data === '[DONE]' || error) return;
      const payload = tryJson(data);
      if (typeof payload === 'object' && payload !== null && 'error' in payload)
        error = errorFromStreamPayload(payload, data);
      else events.push(payload);
    },
    (value) => (error ??= errorFromStreamPayload(tryJson(value), value)),
  );
  const complete = await readCapped(response, maxBytes, (b) => decoder.push(b));
  if (!complete) return tooLarge(maxBytes);
  decoder.end();
  if (error) {
    // An error sent inside a 200 stream carries its real status as `code` (llama.cpp), if anywhere.
    const code = error.code;
    const status = typeof code === 'number' && code >= 400 && code < 600 ? code : response.status;
    return { kind: 'failed', error: { ...error, status } };
  }
  return { kind: 'sse', status: response.status, events };
};
