/** The app:// handler serves the built renderer and nothing else, with the right types and the page's CSP. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_INDEX_URL, createAppProtocolHandler } from '../../main/electron/app-protocol';

let root: string;
let serve: (request: Request) => Promise<Response>;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'r9s-app-protocol-'));
  mkdirSync(join(root, 'renderer', 'assets'), { recursive: true });
  writeFileSync(join(root, 'renderer', 'index.html'), '<!doctype html><title>ours</title>');
  writeFileSync(join(root, 'renderer', 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(root, 'renderer', 'assets', 'word-diff.worker-x.js'), 'self.onmessage = null');
  writeFileSync(join(root, 'renderer', 'assets', 'app-1.css'), 'body{}');
  writeFileSync(join(root, 'secret.txt'), 'outside the renderer folder');
  serve = createAppProtocolHandler(join(root, 'renderer'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => serve(new Request(url, { method }));

/** The policy of renderer/index.html's meta tag, which every copy of the CSP must equal. */
const metaPolicy = () => {
  const html = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');
  return /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
};

describe('the app:// protocol handler', () => {
  it('serves index.html with its content type, the CSP and no caching', async () => {
    const res = await get(APP_INDEX_URL);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(metaPolicy());
    expect(metaPolicy()).toContain("connect-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toBe('<!doctype html><title>ours</title>');
    expect((await get('app://playground/')).status).toBe(200);
  });

  it.each([
    ['assets/index-abc.js', 'text/javascript; charset=utf-8', 'console.log(1)'],
    ['assets/word-diff.worker-x.js', 'text/javascript; charset=utf-8', 'self.onmessage = null'],
    ['assets/app-1.css', 'text/css; charset=utf-8', 'body{}'],
  ])('serves %s as %s', async (path, type, body) => {
    const res = await get(`app://playground/${path}`);
    expect([res.status, res.headers.get('content-type'), await res.text()]).toEqual([200, type, body]);
    expect(res.headers.get('cache-control')).toContain('immutable');
  });

  it.each([
    // The URL parser resolves plain and %2e dots itself: what is left is /secret.txt, which is not in the folder.
    ['app://playground/../secret.txt', 404],
    ['app://playground/%2e%2e/secret.txt', 404],
    // What it leaves encoded, the path check refuses before touching the disk.
    ['app://playground/assets/..%2f..%2fsecret.txt', 400],
    ['app://playground/..%5csecret.txt', 400],
    ['app://playground/index.html%00.js', 400],
    ['app://playground/missing.js', 404],
    ['app://playground/assets', 404],
    ['app://other-host/index.html', 404],
  ])('refuses %s (%i) and never reads outside the folder', async (url, status) => {
    const res = await get(url);
    expect(res.status).toBe(status);
    expect(await res.text()).not.toContain('outside the renderer folder');
  });

  it('answers GET and HEAD only', async () => {
    expect((await get(APP_INDEX_URL, 'POST')).status).toBe(405);
    const head = await get(APP_INDEX_URL, 'HEAD');
    expect([head.status, await head.text()]).toEqual([200, '']);
  });
});
