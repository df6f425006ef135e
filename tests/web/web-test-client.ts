/** A raw HTTP client for web-server tests: unlike fetch, it can send any Host header and any path bytes. */
import { request, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';

/** What rawRequest sends. */
export interface RawRequest {
  port: number;
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** Sends one request and reads the whole answer. */
export const rawRequest = (
  r: RawRequest,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> =>
  new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: r.port,
        method: r.method ?? 'GET',
        path: r.path,
        headers: { Host: `127.0.0.1:${r.port}`, ...r.headers },
      },
      (res: IncomingMessage) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(parts).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(r.body);
  });

/** Opens `POST /api/run` and hands back the response as it streams, for drop and isolation tests. */
export const openRunStream = (
  port: number,
  token: string,
  args: unknown[],
  headers: Record<string, string> = {},
): Promise<IncomingMessage> =>
  new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/run',
        headers: {
          Host: `127.0.0.1:${port}`,
          'Content-Type': 'application/json',
          'x-playground-token': token,
          ...headers,
        },
      },
      resolve,
    );
    req.on('error', reject);
    req.end(JSON.stringify({ args }));
  });
