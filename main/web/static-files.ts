import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sep } from 'node:path';
import { contentTypeOf, resolveStaticPath } from '../core/static-path';
import { SECURITY_HEADERS } from './web-guards';

const sendText = (res: ServerResponse, status: number, text: string) => {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(text);
};

/**
 * Serves the built renderer: GET/HEAD only, correct content types, `index.html` for `/` and never cached (it names
 * the current hashed bundles), hashed assets cached for good, security headers on everything.
 */
export const createStaticHandler = (root: string) => {
  return async (req: IncomingMessage, res: ServerResponse, urlPath: string): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'method not allowed');
    const path = resolveStaticPath(root, urlPath);
    if (!path) return sendText(res, 400, 'bad path');
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) return sendText(res, 404, 'not found');
    const isIndex = path.endsWith(`${sep}index.html`);
    const isHashedAsset = path.includes(`${sep}assets${sep}`);
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': contentTypeOf(path),
      'Content-Length': info.size,
      'Cache-Control': isIndex || !isHashedAsset ? 'no-store' : 'public, max-age=31536000, immutable',
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(path)
      .on('error', () => res.destroy())
      .pipe(res);
  };
};
