import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isNestedDeeperThan, MAX_BODY_DEPTH } from './json-depth';

/**
 * The renderer's Content-Security-Policy (renderer/index.html), sent as a header too
 * (docs/architecture.md#hardened-window).
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Headers on every response: no sniffing, no referrer (the URL carries the token), no framing. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** The request header that carries the per-launch token. */
export const TOKEN_HEADER = 'x-playground-token';

/**
 * Web mode (docs/architecture.md#trusted-sender): a `Host` that is not our loopback address and port means the
 * page was reached through another name, e.g. DNS rebinding of an attacker's domain to 127.0.0.1; refuse it.
 */
export const isAllowedHost = (host: string | undefined, port: number): boolean =>
  host === `127.0.0.1:${port}` || host === `localhost:${port}`;

/** A browser names the page that sent a request in `Origin`; only our own page may call (absent: not a browser). */
export const isAllowedOrigin = (origin: string | undefined, port: number): boolean =>
  origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** Compares the token in constant time (hashing first, so neither the length nor a prefix leaks through timing). */
export const isValidToken = (given: string | string[] | undefined, token: string): boolean =>
  typeof given === 'string' && timingSafeEqual(digest(given), digest(token));

/** Sends a JSON body with the security headers; API answers are never cached. */
export const sendJson = (res: ServerResponse, status: number, body: unknown): void => {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
};

/** Sends a transport-level refusal as a Result-shaped JSON error. */
export const refuse = (res: ServerResponse, status: number, kind: string, message: string): void =>
  sendJson(res, status, { ok: false, error: { kind, message } });

/** Reads a JSON body of at most `maxBytes`; anything larger is refused with 413 before it is buffered. */
export const readJsonBody = (
  req: IncomingMessage,
  maxBytes: number,
): Promise<{ ok: true; value: unknown } | { ok: false; status: 400 | 413; message: string }> =>
  new Promise((resolve) => {
    const tooLarge = {
      ok: false as const,
      status: 413 as const,
      message: `body larger than ${maxBytes} bytes`,
    };
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > maxBytes) {
      req.resume(); // discard the upload instead of buffering it
      return resolve(tooLarge);
    }
    const parts: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        resolve(tooLarge);
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      parts.push(chunk);
    });
    req.on('end', () => {
      if (size > maxBytes) return;
      const text = Buffer.concat(parts).toString('utf8');
      if (isNestedDeeperThan(text, MAX_BODY_DEPTH)) {
        return resolve({
          ok: false,
          status: 400,
          message: `body is nested more than ${MAX_BODY_DEPTH} levels deep`,
        });
      }
      try {
        resolve({ ok: true, value: JSON.parse(text) as unknown });
      } catch {
        resolve({ ok: false, status: 400, message: 'body is not JSON' });
      }
    });
    req.on('error', () => resolve({ ok: false, status: 400, message: 'body could not be read' }));
  });
