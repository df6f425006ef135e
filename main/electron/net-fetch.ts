/**
 * The provider client's fetch in the desktop app, on Electron's `net.request` (Chromium's network stack: the
 * system's proxy settings and certificates). Not `net.fetch`: with `redirect: 'manual'` it fails with "Redirect was
 * cancelled" and never says where the server pointed, and the core must name that target in its error. Here a
 * redirect comes back as the 3xx response it is, with its Location, and nothing is sent on.
 */
import { Readable } from 'node:stream';
import type { FetchLike } from '../core/ports';

/**
 * The parts of Electron's IncomingMessage used. At run time it is a Node Readable (Electron's own net.fetch turns it
 * into a web stream the same way); its typings list only the events, hence the cast where the body is made.
 */
export interface NetResponseLike {
  statusCode: number;
  statusMessage: string;
  headers: Record<string, string | string[]>;
}

/** The parts of Electron's ClientRequest used. */
export interface NetRequestLike {
  setHeader(name: string, value: string): void;
  on(event: 'response', listener: (response: NetResponseLike) => void): unknown;
  on(
    event: 'redirect',
    listener: (status: number, method: string, url: string, headers: Record<string, string[]>) => void,
  ): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  end(chunk?: string): unknown;
  abort(): void;
}

/** `net.request` as the adapter calls it. */
export type NetRequest = (options: {
  method: string;
  url: string;
  redirect: 'manual';
  credentials: 'omit';
}) => NetRequestLike;

/** Statuses whose responses have no body, as the fetch standard says. */
const NULL_BODY = new Set([101, 204, 205, 304]);

const toHeaders = (raw: Record<string, string | string[]>): Headers => {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw))
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  return headers;
};

const abortError = (signal: AbortSignal): Error =>
  signal.reason instanceof Error
    ? signal.reason
    : new DOMException('The operation was aborted.', 'AbortError');

/**
 * A fetch for the provider client: string URL, method, headers, a string body, an abort signal. Redirects are
 * never followed (whatever `init.redirect` says); cookies are never sent.
 */
export const createNetFetch =
  (request: NetRequest): FetchLike =>
  (input: string | URL | Request, init: RequestInit = {}) =>
    new Promise<Response>((resolve, reject) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const { signal } = init;
      if (signal?.aborted) return reject(abortError(signal));
      const method = init.method ?? 'GET';
      const req = request({ method, url, redirect: 'manual', credentials: 'omit' });
      let isSettled = false;
      const settle = (fn: () => void) => {
        if (isSettled) return;
        isSettled = true;
        fn();
      };
      const onAbort = () => {
        req.abort();
        settle(() => reject(abortError(signal!)));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      for (const [name, value] of new Headers(init.headers)) req.setHeader(name, value);
      req.on('redirect', (status, _method, location, headers) =>
        settle(() => {
          const answer = toHeaders(headers);
          answer.set('location', location);
          resolve(new Response(null, { status, headers: answer }));
          // Not followed: the request ends here (Electron then reports "Redirect was cancelled", ignored).
          req.abort();
        }),
      );
      req.on('response', (response) =>
        settle(() => {
          const body =
            NULL_BODY.has(response.statusCode) || method === 'HEAD'
              ? null
              : (Readable.toWeb(response as unknown as Readable) as ReadableStream<Uint8Array>);
          resolve(
            new Response(body, {
              status: response.statusCode,
              statusText: response.statusMessage,
              headers: toHeaders(response.headers),
            }),
          );
        }),
      );
      req.on('error', (error) => settle(() => reject(error)));
      req.end(typeof init.body === 'string' ? init.body : undefined);
    });
