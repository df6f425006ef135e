import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AddressInfo } from 'node:net';
import { createWebServer, type WebServer } from '../../main/web/server';
import { CONTENT_SECURITY_POLICY } from '../../main/web/web-guards';
import { startFakeServer, type FakeServer } from '../support/fake-openai-server';
import { CALLER, createContractService } from '../contract/contract-harness';
import { runRequest } from '../contract/contract-helpers';
import { openRunStream, rawRequest } from './web-test-client';

const TOKEN = 'test-token-abc';

describe('web server', () => {
  let fake: FakeServer;
  let harness: ReturnType<typeof createContractService>;
  let web: WebServer;
  let root: string;
  const api = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    rawRequest({
      port: web.port,
      method: 'POST',
      path,
      headers: { 'Content-Type': 'application/json', 'x-playground-token': TOKEN, ...headers },
      body: JSON.stringify(body),
    });

  beforeEach(async () => {
    fake = await startFakeServer();
    harness = createContractService(fake.url);
    root = mkdtempSync(join(tmpdir(), 'r9s-web-'));
    mkdirSync(join(root, 'static', 'assets'), { recursive: true });
    writeFileSync(join(root, 'static', 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(join(root, 'static', 'assets', 'app-123.js'), 'console.log(1)');
    writeFileSync(join(root, 'secret.txt'), 'outside the static root');
    web = await createWebServer({
      dispatcher: harness.dispatcher,
      service: harness.service,
      staticDir: join(root, 'static'),
      token: TOKEN,
      host: '127.0.0.1',
      port: 0,
      maxBodyBytes: 64 * 1024,
    });
  });

  afterEach(async () => {
    await web.close();
    await harness.dispose();
    await fake.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('binds 127.0.0.1 only', () => {
    expect((web.server.address() as AddressInfo).address).toBe('127.0.0.1');
    expect(web.url).toBe(`http://127.0.0.1:${web.port}`);
  });

  it('requires the token on every API call', async () => {
    expect((await api('/api/call/getSettings', { args: [] }, { 'x-playground-token': '' })).status).toBe(401);
    expect((await api('/api/call/getSettings', { args: [] }, { 'x-playground-token': 'wrong' })).status).toBe(
      401,
    );
    expect(
      (await api('/api/run', { args: [runRequest()] }, { 'x-playground-token': 'test-token-abd' })).status,
    ).toBe(401);
    const okCall = await api('/api/call/getSettings', { args: [] });
    expect(okCall.status).toBe(200);
    expect(JSON.parse(okCall.body)).toMatchObject({ ok: true });
  });

  it('refuses a Host that is not our loopback address and port (DNS rebinding)', async () => {
    for (const host of [
      'evil.example',
      `evil.example:${web.port}`,
      `127.0.0.1:${web.port + 1}`,
      '127.0.0.1',
    ]) {
      const res = await api('/api/call/getSettings', { args: [] }, { Host: host });
      expect(res.status, host).toBe(403);
      expect((await rawRequest({ port: web.port, path: '/', headers: { Host: host } })).status).toBe(403);
    }
    expect((await api('/api/call/getSettings', { args: [] }, { Host: `localhost:${web.port}` })).status).toBe(
      200,
    );
  });

  it('refuses a foreign Origin and accepts our own', async () => {
    const foreign = await api('/api/call/getSettings', { args: [] }, { Origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    const own = await api('/api/call/getSettings', { args: [] }, { Origin: `http://127.0.0.1:${web.port}` });
    expect(own.status).toBe(200);
  });

  it('caps the body size (413) and refuses non-JSON and non-POST calls', async () => {
    const big = await api('/api/call/saveDraft', {
      args: [{ params: { model: 'm', prompt: 'x'.repeat(70_000), stream: true } }],
    });
    expect(big.status).toBe(413);
    const text = await api('/api/call/getSettings', { args: [] }, { 'Content-Type': 'text/plain' });
    expect(text.status).toBe(415);
    const get = await rawRequest({
      port: web.port,
      path: '/api/call/getSettings',
      headers: { 'x-playground-token': TOKEN },
    });
    expect(get.status).toBe(405);
    const notJson = await rawRequest({
      port: web.port,
      method: 'POST',
      path: '/api/call/getSettings',
      headers: { 'Content-Type': 'application/json', 'x-playground-token': TOKEN },
      body: '{not json',
    });
    expect(notJson.status).toBe(400);
  });

  it('answers unknown methods and bad args with invalid_input, never reaching the service', async () => {
    for (const method of ['__proto__', 'constructor', 'toString', 'abortOwner', 'shutdown', 'nope']) {
      const res = JSON.parse((await api(`/api/call/${method}`, { args: [] })).body) as unknown;
      expect(res, method).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });
    }
    const streamedViaCall = await api('/api/call/startRun', { args: [runRequest()] });
    expect(streamedViaCall.status).toBe(400);
    const badRun = await api('/api/run', { args: [runRequest({ temperature: 5 })] });
    expect(badRun.headers['content-type']).toContain('application/json');
    expect(JSON.parse(badRun.body)).toMatchObject({
      ok: false,
      error: { kind: 'invalid_input', param: 'params.temperature' },
    });
  });

  it('serves the renderer with content types, security headers and no caching of index.html', async () => {
    const index = await rawRequest({ port: web.port, path: '/?import=abc' });
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['cache-control']).toBe('no-store');
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.headers['referrer-policy']).toBe('no-referrer');
    expect(index.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    const js = await rawRequest({ port: web.port, path: '/assets/app-123.js' });
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.body).toBe('console.log(1)');
    expect((await rawRequest({ port: web.port, path: '/missing.js' })).status).toBe(404);
  });

  it('sends the same CSP as renderer/index.html', () => {
    const html = readFileSync(join(import.meta.dirname, '../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(CONTENT_SECURITY_POLICY);
  });

  it('refuses path traversal', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/%00',
    ]) {
      const res = await rawRequest({ port: web.port, path });
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.body).not.toContain('outside the static root');
    }
  });

  it('lets only the page that started a run cancel it; a call without a page id owns nothing', async () => {
    const page = (id: string) => ({ 'x-playground-page': id.repeat(32) });
    const slow = runRequest({ model: 'fake-slow' });
    const stream = await openRunStream(web.port, TOKEN, [slow], page('a'));
    let text = '';
    stream.on('data', (c: Buffer) => (text += c.toString('utf8')));
    await vi.waitFor(() => expect(text).toContain('"type":"delta"'));
    const cancel = async (headers: Record<string, string>) =>
      JSON.parse((await api('/api/call/cancelRun', { args: [slow.runId] }, headers)).body) as unknown;
    expect(await cancel({})).toEqual({ ok: true, value: { wasRunning: false } });
    expect(await cancel(page('b'))).toEqual({ ok: true, value: { wasRunning: false } });
    expect(text).not.toContain('"type":"cancelled"');
    // Listen before cancelling: the stream may end before the cancel call's answer arrives.
    const ended = new Promise((resolve) => stream.on('end', resolve));
    expect(await cancel(page('a'))).toEqual({ ok: true, value: { wasRunning: true } });
    await ended;
    expect(text).toContain('"type":"cancelled"');
  });

  it('refuses a malformed page id before reading the call', async () => {
    for (const id of ['short', 'a'.repeat(65), `${'a'.repeat(31)}/`]) {
      const call = await api('/api/call/getSettings', { args: [] }, { 'x-playground-page': id });
      expect(call.status, id).toBe(400);
      const run = await api('/api/run', { args: [runRequest()] }, { 'x-playground-page': id });
      expect(run.status, id).toBe(400);
    }
    expect(fake.requests).toEqual([]);
  });

  it('streams only the events of its own run, and a dropped client aborts its run', async () => {
    const slow = runRequest({ model: 'fake-slow' });
    const quick = runRequest();
    const [slowRes, quickRes] = await Promise.all([
      openRunStream(web.port, TOKEN, [slow]),
      openRunStream(web.port, TOKEN, [quick]),
    ]);
    expect(slowRes.headers['content-type']).toContain('text/event-stream');
    let quickText = '';
    quickRes.on('data', (c: Buffer) => (quickText += c.toString('utf8')));
    await new Promise((resolve) => quickRes.on('end', resolve));
    expect(quickText).toContain('"type":"done"');
    expect(quickText).not.toContain(slow.runId);

    const firstDelta = await new Promise<string>((resolve) => {
      let text = '';
      slowRes.on('data', (c: Buffer) => {
        text += c.toString('utf8');
        if (text.includes('"type":"delta"')) resolve(text);
      });
    });
    expect(firstDelta).not.toContain(quick.runId);
    slowRes.destroy();
    const slowIndex = fake.requests.findIndex((r) => (r.body as { model?: string }).model === 'fake-slow');
    expect(await fake.whenClosed(slowIndex)).toEqual({ aborted: true });
    await vi.waitFor(async () => {
      const entry = await harness.service.getHistoryEntry(slow.runId, CALLER);
      expect(entry).toMatchObject({ ok: true, value: { status: 'cancelled' } });
    });
  });
});
