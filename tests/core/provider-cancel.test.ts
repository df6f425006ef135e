import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTerminal } from '../../shared/run-events';
import { collectRun, params } from '../support/engine-helpers';
import { fakeTokens, startFakeServer, type FakeServer } from '../support/fake-openai-server';

let server: FakeServer;
beforeAll(async () => (server = await startFakeServer()));
afterAll(() => server.close());

describe('cancel', () => {
  it('mid-stream: emits cancelled once, no output after it, and the server sees the connection close', async () => {
    let deltas = 0;
    const run = await collectRun(server.url, params({ model: 'fake-slow', prompt: 'slow' }), {
      onEvent: (e, controller) => {
        if (e.type === 'delta' && ++deltas === 3) controller.abort();
      },
    });
    expect(run.terminal.type).toBe('cancelled');
    expect(run.events.filter(isTerminal)).toEqual([run.terminal]);
    expect(run.events.at(-1)).toBe(run.terminal);
    expect(run.texts[0]).toBe(fakeTokens('slow', 0, 3).join(''));
    const closed = await server.whenClosed(server.requests.length - 1);
    expect(closed.aborted).toBe(true);
    if (run.terminal.type === 'cancelled') expect(run.terminal.metrics.attempts).toBe(1);
  });

  it('before the response headers: aborts the fetch and the server sees the close', async () => {
    const controller = new AbortController();
    // The server never answers; it aborts the client as soon as the request arrived.
    server.enqueue(() => controller.abort());
    const run = await collectRun(server.url, params(), { controller });
    expect(run.terminal.type).toBe('cancelled');
    expect(run.events.map((e) => e.type)).toEqual(['started', 'cancelled']);
    expect((await server.whenClosed(server.requests.length - 1)).aborted).toBe(true);
  });

  it('with an already aborted signal: no request is sent', async () => {
    const before = server.requests.length;
    const controller = new AbortController();
    controller.abort();
    const run = await collectRun(server.url, params(), { controller });
    expect(run.terminal).toMatchObject({ type: 'cancelled', metrics: { attempts: 0 } });
    expect(server.requests.length).toBe(before);
  });

  it('a listener that throws on the terminal event does not produce a second terminal event', async () => {
    const seen: string[] = [];
    const run = await collectRun(server.url, params({ max_tokens: 2 }), {
      onEvent: (e) => {
        seen.push(e.type);
        if (e.type === 'done') throw new Error('listener bug');
      },
    });
    expect(run.terminal.type).toBe('done');
    expect(seen.filter((t) => ['done', 'error', 'cancelled'].includes(t))).toEqual(['done']);
  });
});
