import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
// The bridge is plain fetch + SSE, so it is tested in Node.
// eslint-disable-next-line no-restricted-imports
import {
  createHttpBridge,
  PAGE_HEADER,
  readTokenFromLocation,
  TOKEN_STORAGE_KEY,
} from '../../renderer/bridge/http-bridge';
import type { RunEvent } from '../../shared/run-events';
import { runRequest } from '../contract/contract-helpers';

const memoryStorage = () => {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    map,
  };
};

describe('readTokenFromLocation', () => {
  it('moves ?token= into session storage and out of the visible URL, keeping the rest', () => {
    const storage = memoryStorage();
    const replaced: (string | undefined)[] = [];
    const history = { replaceState: (_d: unknown, _u: string, url?: string) => void replaced.push(url) };
    const token = readTokenFromLocation(
      { href: 'http://127.0.0.1:5/?token=abc&import=xyz#top' },
      storage,
      history,
    );
    expect(token).toBe('abc');
    expect(storage.map.get(TOKEN_STORAGE_KEY)).toBe('abc');
    expect(replaced).toEqual(['/?import=xyz#top']);
  });

  it('reads the stored token on a reload, and gives "" when there is none', () => {
    const storage = memoryStorage();
    const history = { replaceState: () => undefined };
    expect(readTokenFromLocation({ href: 'http://127.0.0.1:5/' }, storage, history)).toBe('');
    storage.setItem(TOKEN_STORAGE_KEY, 'kept');
    expect(readTokenFromLocation({ href: 'http://127.0.0.1:5/' }, storage, history)).toBe('kept');
  });
});

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

  it('turns an unreachable server into a network error value', async () => {
    const origin = await serve((_req, res) => res.end());
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    server = undefined;
    const api = createHttpBridge({ origin, token: 't' });
    expect(await api.getSettings()).toMatchObject({ ok: false, error: { kind: 'network' } });
    expect(await api.startRun(runRequest())).toMatchObject({ ok: false, error: { kind: 'network' } });
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
