import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
// The bridge is plain fetch + SSE, so it is tested in Node.
// eslint-disable-next-line no-restricted-imports
import { createHttpBridge, PAGE_HEADER, TOKEN_HEADER } from '../../renderer/bridge/http-bridge';
import type { RunEvent } from '../../shared/run-events';
import { runRequest } from '../contract/contract-helpers';

describe('http bridge requests', () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
    server = undefined;
  });

  it('posts each method to its path with its arguments, naming its page the same way on every call', async () => {
    const seen: { url?: string; page?: string | string[]; body: string }[] = [];
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        seen.push({ url: req.url, page: req.headers[PAGE_HEADER], body });
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"ok":true,"value":null}');
      });
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const one = createHttpBridge({ origin, token: 't' });
    const two = createHttpBridge({ origin, token: 't' });
    expect(await one.starHistoryEntry('e-1', true)).toEqual({ ok: true, value: null });
    await one.getSettings();
    await two.getSettings();
    expect(seen.map((s) => [s.url, s.body])).toEqual([
      ['/api/call/starHistoryEntry', '{"args":["e-1",true]}'],
      ['/api/call/getSettings', '{"args":[]}'],
      ['/api/call/getSettings', '{"args":[]}'],
    ]);
    const [a1, a2, b] = seen.map((s) => s.page);
    expect(a1).toMatch(/^[0-9a-f]{32}$/);
    expect(a2).toBe(a1);
    expect(b).toMatch(/^[0-9a-f]{32}$/);
    expect(b).not.toBe(a1);
  });
});

describe('http bridge failures', () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
    server = undefined;
  });
  const serve = async (handler: Parameters<typeof createServer>[1]) => {
    server = createServer(handler);
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };

  it('turns an unreachable server into a network error value and reports the page disconnected', async () => {
    const origin = await serve((_req, res) => res.end());
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    server = undefined;
    let disconnects = 0;
    const api = createHttpBridge({ origin, token: 't', onDisconnected: () => disconnects++ });
    expect(await api.getSettings()).toMatchObject({ ok: false, error: { kind: 'network' } });
    expect(disconnects).toBe(1);
    expect(await api.startRun(runRequest())).toMatchObject({ ok: false, error: { kind: 'network' } });
    expect(disconnects).toBe(2);
  });

  it('reports the page disconnected when the server refuses its token, not when a provider refuses a key', async () => {
    let status = 200;
    const origin = await serve((req, res) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      // A provider's 401 reaches the page as a Result inside a 200 answer.
      res.end(
        status === 401
          ? '{"ok":false,"error":{"kind":"authentication","message":"missing or wrong playground token"}}'
          : '{"ok":false,"error":{"kind":"authentication","message":"Incorrect API key","status":401}}',
      );
    });
    let disconnects = 0;
    // A page sends no token header: the browser sends the session cookie.
    const api = createHttpBridge({ origin, onDisconnected: () => disconnects++ });
    expect(await api.listModels('p1')).toMatchObject({ ok: false, error: { kind: 'authentication' } });
    expect(await api.startRun(runRequest())).toMatchObject({ ok: false });
    expect(disconnects).toBe(0);
    status = 401;
    expect(await api.getSettings()).toMatchObject({ ok: false, error: { kind: 'authentication' } });
    expect(disconnects).toBe(1);
    expect(await api.startRun(runRequest())).toMatchObject({ ok: false, error: { kind: 'authentication' } });
    expect(disconnects).toBe(2);
  });

  it('sends the token header only when it was given one', async () => {
    const seen: (string | string[] | undefined)[] = [];
    const origin = await serve((req, res) => {
      seen.push(req.headers[TOKEN_HEADER]);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"ok":true,"value":null}');
    });
    await createHttpBridge({ origin }).getDraft();
    await createHttpBridge({ origin, token: 't' }).getDraft();
    expect(seen).toEqual([undefined, 't']);
  });

  it('turns an answer that is not a Result into a protocol error', async () => {
    const origin = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"hello":1}');
    });
    expect(await createHttpBridge({ origin, token: 't' }).getDraft()).toMatchObject({
      ok: false,
      error: { kind: 'protocol' },
    });
  });

  it("ends a run exactly once when the stream breaks, and ignores other runs' events", async () => {
    const request = runRequest();
    const origin = await serve((req, res) => {
      expect(req.headers['x-playground-token']).toBe('t');
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      const started = { type: 'started', runId: request.runId, request: {}, streamed: true, at: 0 };
      res.write(`data: ${JSON.stringify(started)}\n\n`);
      res.write(
        `data: ${JSON.stringify({ type: 'delta', runId: 'someone-else', choice: 0, text: 'x' })}\n\n`,
      );
      res.write(
        `data: ${JSON.stringify({ type: 'delta', runId: request.runId, choice: 0, text: 'hé' })}\n\n`,
      );
      setImmediate(() => res.socket?.destroy());
    });
    const api = createHttpBridge({ origin, token: 't' });
    const events: RunEvent[] = [];
    const ended = new Promise<void>((resolve) =>
      api.onRunEvent((e) => {
        events.push(e);
        if (e.type === 'error') resolve();
      }),
    );
    expect(await api.startRun(request)).toEqual({ ok: true, value: { runId: request.runId } });
    await ended;
    expect(events.map((e) => e.type)).toEqual(['started', 'delta', 'error']);
    expect(events[2]).toMatchObject({ error: { kind: 'network' }, partial: true });
  });
});
