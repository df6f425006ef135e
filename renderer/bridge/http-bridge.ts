/**
 * Web mode's PlaygroundApi (docs/architecture.md#one-contract): invoke methods are `POST /api/call/<method>`, a run is
 * `POST /api/run` read as a server-sent event stream. Written without DOM- or Node-only types so Node tests use it too.
 */
import { createParser } from 'eventsource-parser';
import type { PlaygroundApi } from '../../shared/api';
import { invokeMembers, type InvokeCall } from '../../shared/channels';
import { fail, type Result } from '../../shared/result';
import { isTerminal, type RunEvent } from '../../shared/run-events';

/** The header the web server reads the per-launch token from. */
export const TOKEN_HEADER = 'x-playground-token';

/** The header that names the page a call comes from: the owner of the runs it starts. */
export const PAGE_HEADER = 'x-playground-page';

/** Options of createHttpBridge. */
export interface HttpBridgeOptions {
  /** The web server's origin, e.g. `http://127.0.0.1:5173`. */
  origin: string;
  /**
   * The launch token, sent in a header. A page leaves it out: the server set an HttpOnly session cookie when the
   * printed address was opened, and the browser sends that on its own.
   */
  token?: string;
  fetch?: typeof fetch;
  /**
   * Called when the server refuses the page's token (401: a restarted server, a page opened without the printed
   * address) or cannot be reached at all: the page is no longer connected to a running playground.
   */
  onDisconnected?: () => void;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** A response body is `unknown` until it looks like a Result (docs/architecture.md#validate-at-boundaries). */
const asResult = <T>(value: unknown): Result<T> =>
  isRecord(value) && (value['ok'] === true || (value['ok'] === false && isRecord(value['error'])))
    ? (value as Result<T>)
    : fail('protocol', 'The playground server sent an unexpected answer.');

const networkError = (error: unknown) =>
  fail<never>(
    'network',
    `The playground server could not be reached (${error instanceof Error ? error.message : 'unknown error'}).`,
  );

/**
 * 128 random bits in hex. The page's runs belong to it: the server lets only calls carrying this id cancel them. It
 * lives in this closure and goes only to our own server, which never sends it to any page, so no other page can
 * learn it (web mode has no sender identity like Electron's WebContents id to rely on instead).
 */
const newPageId = (): string =>
  Array.from(globalThis.crypto.getRandomValues(new Uint8Array(16)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');

/**
 * Builds the web-mode api over the page's own server; each bridge is one page, the owner of the runs it starts.
 * Every failure resolves as a Result, never a rejection.
 */
export const createHttpBridge = (options: HttpBridgeOptions): PlaygroundApi => {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const pageId = newPageId();
  const listeners = new Set<(event: RunEvent) => void>();
  const deliver = (event: RunEvent) => {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch {
        // One failing listener must not starve the others of the run's events.
      }
    }
  };
  const headers: Record<string, string> = { 'Content-Type': 'application/json', [PAGE_HEADER]: pageId };
  if (options.token !== undefined) headers[TOKEN_HEADER] = options.token;
  const disconnected = () => options.onDisconnected?.();
  const post = async (path: string, args: unknown[]) => {
    let response: Response;
    try {
      response = await doFetch(`${options.origin}${path}`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ args }),
      });
    } catch (error) {
      disconnected();
      throw error;
    }
    // Only the playground server's own token check answers 401; a provider's refusal comes back as a Result.
    if (response.status === 401) disconnected();
    return response;
  };

  const call: InvokeCall = async (method, args) => {
    try {
      const response = await post(`/api/call/${method}`, args);
      return asResult<never>(await response.json());
    } catch (error) {
      return networkError(error);
    }
  };

  /** Reads the run's stream; resolves startRun at the first event and delivers every event to the listeners. */
  const readRun = async (runId: string, body: ReadableStream<Uint8Array>, onFirst: () => void) => {
    const startedAt = Date.now();
    let isFirst = true;
    let hasDelta = false;
    let hasEnded = false;
    const parser = createParser({
      onEvent: ({ data }) => {
        let event: RunEvent;
        try {
          event = JSON.parse(data) as RunEvent;
        } catch {
          return;
        }
        if (!isRecord(event) || event.runId !== runId || hasEnded) return;
        if (event.type === 'delta') hasDelta = true;
        if (isTerminal(event)) hasEnded = true;
        if (isFirst) {
          isFirst = false;
          onFirst();
        }
        deliver(event);
      },
    });
    const reader = body.getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parser.feed(decoder.decode(value, { stream: true }));
      }
      parser.feed(decoder.decode());
    } catch {
      // The connection broke; handled below like an early end.
    }
    if (hasEnded) return;
    if (isFirst) onFirst();
    // The run must still end exactly once for the page, even if the server vanished mid-stream.
    deliver({
      type: 'error',
      runId,
      error: { kind: 'network', message: 'The connection to the playground server was lost during the run.' },
      metrics: { durationMs: Date.now() - startedAt, attempts: 1 },
      partial: hasDelta,
    });
  };

  return {
    ...invokeMembers(call),
    // A run streams its events back on its own request instead of being a plain call.
    async startRun(request) {
      let response: Response;
      try {
        response = await post('/api/run', [request]);
      } catch (error) {
        return networkError(error);
      }
      const type = response.headers.get('content-type') ?? '';
      if (!type.startsWith('text/event-stream') || !response.body) {
        try {
          return asResult(await response.json());
        } catch (error) {
          return networkError(error);
        }
      }
      const body = response.body;
      return new Promise((resolve) => {
        void readRun(request.runId, body, () => resolve({ ok: true, value: { runId: request.runId } }));
      });
    },
    onRunEvent(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    // Web mode reads `?import=` from the page address instead; nothing is pushed.
    onImportRequest: () => () => undefined,
  } satisfies PlaygroundApi;
};
