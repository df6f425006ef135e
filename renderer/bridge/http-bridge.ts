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

/** Where the page keeps the token after taking it out of the address bar. */
export const TOKEN_STORAGE_KEY = 'r9s-playground-token';

/** Options of createHttpBridge. */
export interface HttpBridgeOptions {
  /** The web server's origin, e.g. `http://127.0.0.1:5173`. */
  origin: string;
  token: string;
  fetch?: typeof fetch;
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
  const post = (path: string, args: unknown[]) =>
    doFetch(`${options.origin}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: options.token, [PAGE_HEADER]: pageId },
      body: JSON.stringify({ args }),
    });

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

/** The parts of `window.location`, `sessionStorage` and `history` readTokenFromLocation touches. */
interface LocationLike {
  href: string;
}
interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}
interface HistoryLike {
  replaceState(data: unknown, unused: string, url?: string): void;
}

/**
 * Takes `?token=` from the page address into sessionStorage and removes it from the visible URL (so it is not
 * bookmarked, shared or shown); later loads of the tab read it from sessionStorage. Returns '' when there is none.
 */
export const readTokenFromLocation = (
  location: LocationLike,
  storage: StorageLike,
  history: HistoryLike | undefined = (globalThis as { history?: HistoryLike }).history,
): string => {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    storage.setItem(TOKEN_STORAGE_KEY, fromUrl);
    url.searchParams.delete('token');
    history?.replaceState(null, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  return storage.getItem(TOKEN_STORAGE_KEY) ?? '';
};
