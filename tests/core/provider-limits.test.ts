/**
 * What bounds a run besides time: the output limit per choice (an endless stream ends there, its output kept),
 * reading only as fast as the run's events are taken, and honest speed figures for answers that arrive whole.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectRun, expectDone, expectError, params, sse, chunkOf } from '../support/engine-helpers';
import { startFakeServer, type FakeServer } from '../support/fake-openai-server';

let server: FakeServer;
beforeAll(async () => (server = await startFakeServer()));
afterAll(() => server.close());

describe('the output limit', () => {
  it('ends an endless stream at the limit with "output limit reached", keeping exactly the limit', async () => {
    const before = server.requests.length;
    const run = await collectRun(server.url, params({ model: 'fake-endless' }), { outputLimitChars: 50_000 });
    const error = expectError(run.terminal);
    expect(error.error.kind).toBe('output_limit');
    expect(error.error.message).toMatch(/^Output limit reached: choice 0 has 50,000 characters/);
    expect(error.partial).toBe(true);
    expect(run.texts[0]).toHaveLength(50_000);
    expect(run.texts[0]?.startsWith('endless endless')).toBe(true);
    // The connection is released, not drained.
    expect(await server.whenClosed(before)).toEqual({ aborted: true });
  });

  it('cuts each choice on its own and never splits a character', async () => {
    const emoji = '🙂'.repeat(3); // 6 UTF-16 units
    server.enqueue({
      chunks: [sse(chunkOf(emoji, 0)), sse(chunkOf('abc', 1)), sse(chunkOf(emoji, 0)), sse('[DONE]')],
    });
    const run = await collectRun(server.url, params({ n: 2 }), { outputLimitChars: 9 });
    expect(expectError(run.terminal).error.message).toContain('choice 0 has 9 characters');
    expect(run.texts[0]).toBe(emoji + '🙂'); // 8 units: a ninth would split the next emoji
    expect(run.texts[1]).toBe('abc');
  });

  it('ends a stream that reaches the limit exactly and then finishes normally as done', async () => {
    server.enqueue({
      chunks: [sse(chunkOf('12345', 0)), sse(chunkOf('67890', 0, 'stop')), sse('[DONE]')],
    });
    const run = await collectRun(server.url, params(), { outputLimitChars: 10 });
    expectDone(run.terminal);
    expect(run.texts[0]).toBe('1234567890');
  });

  it('refuses a non-streamed body larger than the limit allows instead of holding it', async () => {
    const run = await collectRun(server.url, params({ model: 'fake-endless', stream: false }), {
      outputLimitChars: 10_000,
    });
    const error = expectError(run.terminal).error;
    expect(error.kind).toBe('output_limit');
    expect(error.message).toContain('larger than');
  });

  it('cuts a non-streamed choice that is longer than the limit, keeping what fits', async () => {
    const body = JSON.stringify({
      choices: [{ index: 0, text: 'x'.repeat(2_000), finish_reason: 'length' }],
    });
    server.enqueue({ headers: { 'Content-Type': 'application/json' }, body });
    const run = await collectRun(server.url, params({ stream: false }), { outputLimitChars: 1_500 });
    expect(expectError(run.terminal).error.kind).toBe('output_limit');
    expect(run.texts[0]).toHaveLength(1_500);
  });
});

describe('reading only as fast as events are taken', () => {
  it('stops reading the upstream while the consumer is not writable, so the server is held up', async () => {
    const index = server.requests.length;
    const controller = new AbortController();
    let isBlocked = false;
    let release: () => void = () => undefined;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const run = collectRun(server.url, params({ model: 'fake-endless' }), {
      controller,
      outputLimitChars: 64 * 1024 * 1024,
      // After the first events the consumer stops taking more, for good.
      onEvent: (event) => {
        if (event.type === 'delta') isBlocked = true;
      },
      whenWritable: () => (isBlocked ? blocked : undefined),
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const sentEarly = server.bytesSent(index);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const sentLate = server.bytesSent(index);
    // Socket buffers on both sides fill (a few MB at most on loopback), then the server can write no more.
    expect(sentLate).toBeLessThan(16 * 1024 * 1024);
    expect(sentLate - sentEarly).toBeLessThan(1024 * 1024);
    controller.abort();
    release();
    expect((await run).terminal.type).toBe('cancelled');
  });
});

describe('speed of a non-streamed run', () => {
  it('is completion tokens over the whole request time, never over the gap between two chunks', async () => {
    const run = await collectRun(server.url, params({ prompt: 'speed', stream: false, max_tokens: 8, n: 3 }));
    const done = expectDone(run.terminal);
    const tokens = done.usage?.completion_tokens ?? 0;
    expect(tokens).toBe(24);
    const expected = tokens / (done.metrics.durationMs / 1000);
    expect(done.metrics.tokensPerSecond).toBeCloseTo(expected, 6);
  });

  it('is absent when a non-streamed answer reports no token count (there is no honest figure)', async () => {
    const body = JSON.stringify({ choices: [{ index: 0, text: 'hello world', finish_reason: 'stop' }] });
    server.enqueue({ headers: { 'Content-Type': 'application/json' }, body });
    const done = expectDone((await collectRun(server.url, params({ stream: false }))).terminal);
    expect(done.metrics.tokensPerSecond).toBeUndefined();
  });
});
