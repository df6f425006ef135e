/**
 * A fake OpenAI-compatible completions server on 127.0.0.1 for engine, service, UI and e2e tests. Behaviour is chosen
 * by the request's `model` (see fake-completions.ts), by a capability flavour (see fake-flavours.ts), or scripted
 * exactly with `enqueue()`.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { completionHandler, FAKE_MODELS, sendJson } from './fake-completions';
import { flavourRoutes, type FlavourName, type FlavourSpec } from './fake-flavours';

export { fakeChoice, fakeText, fakeTokens } from './fake-tokens';
export { FAKE_MODELS } from './fake-completions';

/** One request as the server received it. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body (undefined when empty or not JSON). */
  body: unknown;
  rawBody: string;
}

/** A scripted answer for the next request; `chunks` are written one by one, `chunkDelayMs` apart. */
export interface ScriptedResponse {
  status?: number;
  statusText?: string;
  headers?: Record<string, string>;
  /** Written in one piece. */
  body?: string | Uint8Array;
  /** Written one write per entry (the socket has no Nagle delay, so each is its own TCP segment, mostly). */
  chunks?: (string | Uint8Array)[];
  chunkDelayMs?: number;
  /** After the body: end normally (default), destroy the socket, or keep it open until the client leaves. */
  after?: 'end' | 'destroy' | 'hang';
}

/** Full control over one response. */
export type ScriptedHandler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

/** What `enqueue` accepts. */
export type Scenario = ScriptedResponse | ScriptedHandler;

/** Options of startFakeServer. */
export interface FakeServerOptions {
  /** When set, requests without `Authorization: Bearer <apiKey>` get a 401. */
  apiKey?: string;
  /** Port to listen on (default: a free one). */
  port?: number;
  /** A capability flavour (see fake-flavours.ts); its routes answer before the model-driven ones. */
  flavour?: FlavourName | FlavourSpec;
}

/** A running fake server. */
export interface FakeServer {
  /** `http://127.0.0.1:PORT` (no /v1). */
  url: string;
  requests: RecordedRequest[];
  /** Scripts the next request (any path), first in first out. */
  enqueue(scenario: Scenario): void;
  /** Resolves when the response to request `index` closes; `aborted` is true when it closed before it finished. */
  whenClosed(index: number): Promise<{ aborted: boolean }>;
  /**
   * Bytes written so far by the socket that carried request `index` (headers included; a kept-alive socket counts its
   * earlier responses too), to see whether a client is reading.
   */
  bytesSent(index: number): number;
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });

const parseJson = (text: string): unknown => {
  try {
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
};

const playScript = (res: ServerResponse, s: ScriptedResponse, timers: Set<NodeJS.Timeout>): void => {
  res.writeHead(s.status ?? 200, s.statusText ?? '', s.headers ?? { 'Content-Type': 'text/event-stream' });
  res.flushHeaders();
  const chunks = s.chunks ?? (s.body !== undefined ? [s.body] : []);
  let i = 0;
  const finish = () => {
    if (s.after === 'destroy') res.socket?.destroy();
    else if (s.after !== 'hang') res.end();
  };
  const step = () => {
    if (res.destroyed) return;
    if (i >= chunks.length) return finish();
    const chunk = chunks[i++];
    if (chunk !== undefined) res.write(chunk);
    if (s.chunkDelayMs) {
      const t = setTimeout(() => {
        timers.delete(t);
        step();
      }, s.chunkDelayMs);
      timers.add(t);
    } else step();
  };
  step();
};

/** Starts the fake server on 127.0.0.1. */
export const startFakeServer = async (opts: FakeServerOptions = {}): Promise<FakeServer> => {
  const requests: RecordedRequest[] = [];
  const queue: Scenario[] = [];
  const closed: Promise<{ aborted: boolean }>[] = [];
  const sockets: Socket[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const handle = completionHandler(timers);
  const flavoured = opts.flavour ? flavourRoutes(opts.flavour) : undefined;

  const server = createServer((req, res) => {
    const index = requests.length;
    sockets[index] = req.socket;
    closed[index] = new Promise((resolve) =>
      res.on('close', () => resolve({ aborted: !res.writableFinished })),
    );
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const record: RecordedRequest = {
      method: req.method ?? '',
      path,
      headers: req.headers,
      body: undefined,
      rawBody: '',
    };
    requests.push(record);
    void readBody(req).then((raw) => {
      record.rawBody = raw;
      record.body = parseJson(raw);
      const scripted = queue.shift();
      if (typeof scripted === 'function') return scripted(req, res, raw);
      if (scripted) return playScript(res, scripted, timers);
      if (opts.apiKey !== undefined && req.headers.authorization !== `Bearer ${opts.apiKey}`) {
        return sendJson(res, 401, {
          error: {
            message: 'Incorrect API key provided.',
            type: 'invalid_request_error',
            code: 'invalid_api_key',
          },
        });
      }
      if (flavoured?.(req, path, record.body, res)) return;
      if (req.method === 'GET' && (path === '/v1/models' || path === '/models')) {
        return sendJson(res, 200, {
          object: 'list',
          data: FAKE_MODELS.map((id) => ({ id, object: 'model', created: 0, owned_by: 'fake' })),
        });
      }
      if (req.method === 'POST' && (path === '/v1/completions' || path === '/completions')) {
        if (record.body === null || typeof record.body !== 'object') {
          return sendJson(res, 400, {
            error: { message: 'body must be JSON', type: 'invalid_request_error' },
          });
        }
        return handle(res, record.body);
      }
      sendJson(res, 404, { error: { message: `no route ${req.method} ${path}`, type: 'not_found_error' } });
    });
  });
  // Every write is its own packet: latency tests must not measure Nagle's algorithm.
  server.on('connection', (socket) => socket.setNoDelay(true));
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    enqueue: (scenario) => void queue.push(scenario),
    whenClosed: (index) => closed[index] ?? Promise.reject(new Error(`no request #${index}`)),
    bytesSent: (index) => sockets[index]?.bytesWritten ?? 0,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
