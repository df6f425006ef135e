import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, RETRY_AFTER_CAP_MS, retryAfterMs } from '../../main/core/provider';
import { collectRun, createFakeClock, expectDone, expectError, params } from '../support/engine-helpers';
import { fakeText, startFakeServer, type FakeServer } from '../support/fake-openai-server';

let server: FakeServer;
beforeEach(async () => (server = await startFakeServer()));
afterEach(() => server.close());

const JSON_HEADERS = { 'Content-Type': 'application/json' };
const errorBody = (message: string) => JSON.stringify({ error: { message, type: 'server_error' } });

describe('retries', () => {
  it('waits for Retry-After on a 429, then succeeds on the second attempt', async () => {
    const clock = createFakeClock();
    const p = params({ model: 'fake-rate-limit-once', prompt: 'again', max_tokens: 4 });
    const run = await collectRun(server.url, p, { clock });
    expect(clock.sleeps).toEqual([1000]);
    const retrying = run.events.filter((e) => e.type === 'retrying');
    expect(retrying).toEqual([
      {
        type: 'retrying',
        runId: 'run-00000001',
        attempt: 2,
        maxAttempts: DEFAULT_RETRY_POLICY.maxAttempts,
        delayMs: 1000,
        reason: 'Rate limit reached for requests.',
        status: 429,
      },
    ]);
    expect(server.requests).toHaveLength(2);
    expect(run.texts[0]).toBe(fakeText('again', 0, 4));
    expect(expectDone(run.terminal).metrics.attempts).toBe(2);
  });

  it('honours retry-after-ms on a 503', async () => {
    const clock = createFakeClock();
    server.enqueue({
      status: 503,
      headers: { ...JSON_HEADERS, 'retry-after-ms': '250' },
      body: errorBody('busy'),
    });
    expectDone((await collectRun(server.url, params({ max_tokens: 2 }), { clock })).terminal);
    expect(clock.sleeps).toEqual([250]);
  });

  it('backs off exponentially on 502 and gives up after maxAttempts with the last error', async () => {
    const clock = createFakeClock();
    for (let i = 0; i < 3; i++)
      server.enqueue({ status: 502, headers: JSON_HEADERS, body: errorBody(`bad gateway ${i}`) });
    const run = await collectRun(server.url, params(), { clock });
    // random() = 0.5 makes the ±25% jitter neutral: 500 ms, then 500 × 1.5.
    expect(clock.sleeps).toEqual([500, 750]);
    const err = expectError(run.terminal);
    expect(err.error).toMatchObject({ status: 502, message: 'bad gateway 2' });
    expect(err.metrics.attempts).toBe(3);
    expect(server.requests).toHaveLength(3);
  });

  it('never retries a 500 that says "Unsupported param", even when server errors are retried', async () => {
    const clock = createFakeClock();
    const run = await collectRun(server.url, params({ model: 'fake-status-500' }), {
      clock,
      retry: { retryServerErrors: true },
    });
    expect(expectError(run.terminal).error.message).toBe('Unsupported param: best_of');
    expect(clock.sleeps).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it('retries other 500s only when the policy opts in', async () => {
    server.enqueue({ status: 500, headers: JSON_HEADERS, body: errorBody('hiccup') });
    expectError((await collectRun(server.url, params())).terminal);
    server.enqueue({ status: 500, headers: JSON_HEADERS, body: errorBody('hiccup') });
    const run = await collectRun(server.url, params({ max_tokens: 1 }), {
      retry: { retryServerErrors: true },
    });
    expect(expectDone(run.terminal).metrics.attempts).toBe(2);
  });

  it('does not retry a 400, nor anything when the policy is disabled', async () => {
    server.enqueue({ status: 400, headers: JSON_HEADERS, body: errorBody('no') });
    expect(expectError((await collectRun(server.url, params())).terminal).metrics.attempts).toBe(1);
    server.enqueue({ status: 429, headers: JSON_HEADERS, body: errorBody('slow down') });
    const run = await collectRun(server.url, params(), { retry: { enabled: false } });
    expect(expectError(run.terminal).error.kind).toBe('rate_limited');
  });

  it('gives up at once when the requested wait would overrun maxElapsedMs', async () => {
    const clock = createFakeClock();
    server.enqueue({
      status: 429,
      headers: { ...JSON_HEADERS, 'Retry-After': '45' },
      body: errorBody('later'),
    });
    const run = await collectRun(server.url, params(), { clock, retry: { maxElapsedMs: 30_000 } });
    expect(expectError(run.terminal).error.message).toBe('later');
    expect(clock.sleeps).toEqual([]);
  });

  it('retries refused connections when retryConnectionErrors is on, and not when off', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(probe.address() as { port: number }).port}`;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const on = await collectRun(url, params());
    expect(expectError(on.terminal).metrics.attempts).toBe(3);
    const off = await collectRun(url, params(), { retry: { retryConnectionErrors: false } });
    expect(expectError(off.terminal).metrics.attempts).toBe(1);
  });

  it('never retries once a streamed body has started', async () => {
    const run = await collectRun(server.url, params({ model: 'fake-drop', max_tokens: 30 }));
    expect(expectError(run.terminal).metrics.attempts).toBe(1);
    expect(server.requests).toHaveLength(1);
    expect(run.events.some((e) => e.type === 'retrying')).toBe(false);
  });

  it('stops at once, cancelled, when aborted during the backoff wait', async () => {
    const clock = createFakeClock(true);
    server.enqueue({ status: 503, headers: JSON_HEADERS, body: errorBody('busy') });
    const run = await collectRun(server.url, params(), {
      clock,
      onEvent: (e, controller) => e.type === 'retrying' && controller.abort(),
    });
    expect(run.terminal.type).toBe('cancelled');
    expect(run.events.filter((e) => ['done', 'error', 'cancelled'].includes(e.type))).toHaveLength(1);
    expect(server.requests).toHaveLength(1);
  });
});

describe('retryAfterMs', () => {
  const h = (init: Record<string, string>) => new Headers(init);
  it('reads seconds, HTTP-dates and retry-after-ms, and caps them', () => {
    expect(retryAfterMs(h({ 'retry-after': '2' }), 0)).toBe(2000);
    expect(retryAfterMs(h({ 'retry-after': '0.5' }), 0)).toBe(500);
    expect(retryAfterMs(h({ 'retry-after-ms': '120', 'retry-after': '9' }), 0)).toBe(120);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(retryAfterMs(h({ 'retry-after': 'Wed, 01 Jan 2025 00:00:03 GMT' }), now)).toBe(3000);
    expect(retryAfterMs(h({ 'retry-after': 'Tue, 31 Dec 2024 23:00:00 GMT' }), now)).toBe(0);
    expect(retryAfterMs(h({ 'retry-after': '86400' }), 0)).toBe(RETRY_AFTER_CAP_MS);
    expect(retryAfterMs(h({ 'retry-after': 'soon' }), 0)).toBeUndefined();
    expect(retryAfterMs(h({}), 0)).toBeUndefined();
  });
});
