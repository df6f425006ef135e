import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWebServer, type WebServer } from '../../main/web/server';
import { CALLER, createContractService } from '../contract/contract-harness';
import { runRequest } from '../contract/contract-helpers';
import { startFakeServer, type FakeServer } from '../support/fake-openai-server';
import { rawRequest } from './web-test-client';

const TOKEN = 'launch-token-1234567890';

/** The attributes of one Set-Cookie line, names lower-cased ("httponly" → true). */
const cookieParts = (line: string) => {
  const [pair = '', ...attributes] = line.split(';').map((p) => p.trim());
  const eq = pair.indexOf('=');
  const attrs = new Map<string, string | true>();
  for (const a of attributes) {
    const i = a.indexOf('=');
    attrs.set((i < 0 ? a : a.slice(0, i)).toLowerCase(), i < 0 ? true : a.slice(i + 1));
  }
  return { name: pair.slice(0, eq), value: pair.slice(eq + 1), attrs };
};

describe('web mode session cookie', () => {
  let fake: FakeServer;
  let harness: ReturnType<typeof createContractService>;
  let web: WebServer;
  let root: string;
  let own: string;

  /** An API call as a page of ours makes it: our Origin (null: none), the session cookie, no token header. */
  const pageCall = (path: string, cookie: string | undefined, origin: string | null = own) =>
    rawRequest({
      port: web.port,
      method: 'POST',
      path,
      headers: {
        'Content-Type': 'application/json',
        ...(origin === null ? {} : { Origin: origin }),
        ...(cookie === undefined ? {} : { Cookie: cookie }),
      },
      body: JSON.stringify({ args: path === '/api/run' ? [runRequest()] : [] }),
    });

  /** Opens the printed address; returns the redirect and the cookie it set. */
  const openTokenUrl = async (query: string) => {
    const res = await rawRequest({ port: web.port, path: `/?${query}` });
    const setCookie = res.headers['set-cookie'] ?? [];
    return { res, setCookie, cookie: setCookie[0] ? setCookie[0].split(';')[0] : undefined };
  };

  beforeEach(async () => {
    fake = await startFakeServer();
    harness = createContractService(fake.url);
    root = mkdtempSync(join(tmpdir(), 'r9s-web-session-'));
    mkdirSync(join(root, 'static'), { recursive: true });
    writeFileSync(join(root, 'static', 'index.html'), '<!doctype html><title>t</title>');
    web = await createWebServer({
      dispatcher: harness.dispatcher,
      service: harness.service,
      staticDir: join(root, 'static'),
      token: TOKEN,
      host: '127.0.0.1',
      port: 0,
    });
    own = `http://127.0.0.1:${web.port}`;
  });

  afterEach(async () => {
    await web.close();
    await harness.dispose();
    await fake.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('trades the printed token for an HttpOnly, SameSite=Strict, host-only cookie and drops it from the address', async () => {
    const { res, setCookie } = await openTokenUrl(`token=${TOKEN}&import=abc`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/?import=abc');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(setCookie).toHaveLength(1);
    const cookie = cookieParts(setCookie[0] ?? '');
    expect(cookie.name).toBe(`r9s-playground-${web.port}`);
    expect(cookie.value).toBe(TOKEN);
    expect(cookie.attrs.get('httponly')).toBe(true);
    expect(cookie.attrs.get('samesite')).toBe('Strict');
    expect(cookie.attrs.get('path')).toBe('/');
    // Host-only and ending with the browser session: no Domain, no lifetime.
    expect([...cookie.attrs.keys()].sort()).toEqual(['httponly', 'path', 'samesite']);
    expect((await openTokenUrl(`token=${TOKEN}`)).res.headers.location).toBe('/');
  });

  it('sets nothing for a token from another launch, and redirects only to its own page', async () => {
    const stale = await openTokenUrl('token=from-an-earlier-launch');
    expect(stale.res.status).toBe(303);
    expect(stale.res.headers.location).toBe('/');
    expect(stale.setCookie).toEqual([]);
    for (const path of [`//evil.example/?token=${TOKEN}`, `/\\evil.example/?token=${TOKEN}`]) {
      const res = await rawRequest({ port: web.port, path });
      expect(res.headers.location, path).toBe('/');
    }
  });

  it('accepts the cookie on calls and runs from our own page', async () => {
    const { cookie } = await openTokenUrl(`token=${TOKEN}`);
    const call = await pageCall('/api/call/getSettings', cookie);
    expect(call.status).toBe(200);
    expect(JSON.parse(call.body)).toMatchObject({ ok: true });
    const viaLocalhost = await pageCall('/api/call/getSettings', cookie, `http://localhost:${web.port}`);
    expect(viaLocalhost.status).toBe(200);
    const run = await pageCall('/api/run', cookie);
    expect(run.headers['content-type']).toContain('text/event-stream');
    expect(run.body).toContain('"type":"done"');
  });

  it('refuses a stale cookie, another port’s cookie and no cookie with 401, before reaching the service', async () => {
    const name = `r9s-playground-${web.port}`;
    for (const cookie of [
      `${name}=from-an-earlier-launch`,
      `r9s-playground-${web.port + 1}=${TOKEN}`,
      `${name}=`,
      undefined,
    ]) {
      expect((await pageCall('/api/call/getSettings', cookie)).status, cookie).toBe(401);
      expect((await pageCall('/api/run', cookie)).status, cookie).toBe(401);
    }
    expect(fake.requests).toEqual([]);
    const history = await harness.service.listHistory({ offset: 0, limit: 10 }, CALLER);
    expect(history).toMatchObject({ ok: true, value: { total: 0 } });
  });

  it('refuses the right cookie from another origin (another port or site) or with no Origin at all', async () => {
    const { cookie } = await openTokenUrl(`token=${TOKEN}`);
    for (const origin of [`http://127.0.0.1:${web.port + 1}`, 'http://evil.example', 'null']) {
      expect((await pageCall('/api/call/getSettings', cookie, origin)).status, origin).toBe(403);
      expect((await pageCall('/api/run', cookie, origin)).status, origin).toBe(403);
    }
    expect((await pageCall('/api/call/getSettings', cookie, null)).status).toBe(401);
    expect(fake.requests).toEqual([]);
  });
});
