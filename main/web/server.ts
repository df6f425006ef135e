import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Dispatcher } from '../core/dispatcher';
import type { Logger } from '../core/ports';
import type { PlaygroundService } from '../core/service';
import { handleCall, handleRun } from './api-routes';
import { isAuthorized, redirectTokenUrl } from './session-cookie';
import { createStaticHandler } from './static-files';
import { isAllowedHost, isAllowedOrigin, refuse } from './web-guards';

/** Largest API request body: a 2-million-character prompt in the worst UTF-8 case, escaped, plus the rest. */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

/** Options of createWebServer. */
export interface WebServerOptions {
  dispatcher: Dispatcher;
  service: PlaygroundService;
  /** The built renderer (out/renderer). */
  staticDir: string;
  /** The per-launch token every /api request must carry (in its header, or in the session cookie). */
  token: string;
  /** Loopback only: nothing else is accepted. */
  host: '127.0.0.1';
  /** 0 picks a free port. */
  port: number;
  maxBodyBytes?: number;
  logger?: Logger;
}

/** A listening web-mode server. */
export interface WebServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/**
 * Web mode's HTTP host of the service: the built renderer, `POST /api/call/<method>` and `POST /api/run`
 * (SSE), on 127.0.0.1 only, with a Host check (DNS rebinding), an Origin check (other sites), a per-launch token on
 * every API call and a body size cap. Opening the printed `?token=` address trades the token for a session cookie
 * (session-cookie.ts), so reloads and new tabs stay connected. A call names its page in a header: the owner of the
 * runs it starts.
 */
export const createWebServer = async (options: WebServerOptions): Promise<WebServer> => {
  const { dispatcher, service, token } = options;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const serveStatic = createStaticHandler(options.staticDir);
  let port = 0;

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (!isAllowedHost(req.headers.host, port))
      return refuse(res, 403, 'permission_denied', 'unexpected Host');
    if (!isAllowedOrigin(req.headers.origin, port))
      return refuse(res, 403, 'permission_denied', 'foreign Origin');
    if (!path.startsWith('/api/')) {
      if (req.method === 'GET' && redirectTokenUrl(req, res, token, port)) return;
      return void serveStatic(req, res, path).catch(() => res.destroy());
    }
    if (!isAuthorized(req, token, port)) {
      return refuse(res, 401, 'authentication', 'missing or wrong playground token');
    }
    if (req.method !== 'POST') return refuse(res, 405, 'invalid_input', 'API calls use POST');
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      return refuse(res, 415, 'invalid_input', 'API calls send application/json');
    }
    const handled =
      path === '/api/run'
        ? handleRun(req, res, dispatcher, service, maxBodyBytes)
        : path.startsWith('/api/call/')
          ? handleCall(req, res, path.slice('/api/call/'.length), dispatcher, maxBodyBytes)
          : Promise.resolve(refuse(res, 404, 'not_found', 'no such API route'));
    handled.catch((error: unknown) => {
      options.logger?.error('web: request failed', { path, error: (error as Error)?.name ?? 'unknown' });
      if (!res.headersSent) refuse(res, 500, 'storage', 'the request failed');
      else res.destroy();
    });
  });
  server.on('connection', (socket) => socket.setNoDelay(true));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://${options.host}:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
