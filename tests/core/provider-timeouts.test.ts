/**
 * The profile's two timeouts against servers that stall: one that never sends its headers, one that goes silent
 * after three tokens. Short limits here; the defaults are 60 s each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listModels } from '../../main/core/provider';
import { collectRun, expectDone, expectError, params, targetOf } from '../support/engine-helpers';
import { fakeText, startFakeServer, type FakeServer } from '../support/fake-openai-server';

let server: FakeServer;
beforeAll(async () => (server = await startFakeServer()));
afterAll(() => server.close());

const NO_RETRY = { enabled: false };

describe('request timeouts', () => {
  it('ends a run whose server never sends headers with a headers timeout', async () => {
    const before = server.requests.length;
    const startedAt = performance.now();
    const run = await collectRun(server.url, params({ model: 'fake-no-headers' }), {
      timeouts: { headersMs: 300, idleMs: 10_000 },
      retry: NO_RETRY,
    });
    const elapsed = performance.now() - startedAt;
    const error = expectError(run.terminal);
    expect(error.error).toMatchObject({ kind: 'timeout', code: 'headers_timeout' });
    expect(error.error.message).toMatch(/did not answer within 0\.3 s \(the profile's response timeout\)/);
    expect(error.partial).toBe(false);
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(5_000);
    expect(server.requests.length - before).toBe(1);
    expect(await server.whenClosed(before)).toEqual({ aborted: true });
  });

  it('retries a headers timeout as a connection failure when the policy allows', async () => {
    const before = server.requests.length;
    const run = await collectRun(server.url, params({ model: 'fake-no-headers' }), {
      timeouts: { headersMs: 150, idleMs: 10_000 },
      retry: { maxAttempts: 2 },
    });
    expect(expectError(run.terminal).error.code).toBe('headers_timeout');
    expect(server.requests.length - before).toBe(2);
  });

  it('ends a stream that stalls after three tokens with an idle timeout, keeping the three tokens', async () => {
    const before = server.requests.length;
    const run = await collectRun(server.url, params({ model: 'fake-stall', prompt: 'stall' }), {
      timeouts: { headersMs: 10_000, idleMs: 300 },
    });
    const error = expectError(run.terminal);
    expect(error.error).toMatchObject({ kind: 'timeout', code: 'idle_timeout' });
    expect(error.error.message).toContain("sent nothing for 0.3 s (the profile's idle timeout)");
    expect(error.partial).toBe(true);
    expect(run.texts[0]).toBe(fakeText('stall', 0, 3));
    expect(run.terminal.metrics.attempts).toBe(1);
    expect(await server.whenClosed(before)).toEqual({ aborted: true });
  });

  it('ends a non-streamed body that stalls halfway with an idle timeout', async () => {
    const run = await collectRun(server.url, params({ model: 'fake-stall', stream: false }), {
      timeouts: { headersMs: 10_000, idleMs: 300 },
    });
    expect(expectError(run.terminal).error.code).toBe('idle_timeout');
  });

  it('counts silence between pieces, not the whole stream: a steady slow stream outlives the idle limit', async () => {
    // 25 events, 20 ms apart: half a second in all, never more than 20 ms of silence.
    const run = await collectRun(
      server.url,
      params({ model: 'fake-rate-50', prompt: 'steady', max_tokens: 12 }),
      {
        timeouts: { headersMs: 10_000, idleMs: 250 },
      },
    );
    expectDone(run.terminal);
    expect(run.terminal.metrics.durationMs).toBeGreaterThan(250);
    expect(run.texts[0]).toBe(fakeText('steady', 0, 12));
  });

  it('does not count the time the run waits for its own reader as the server being silent', async () => {
    let waits = 0;
    const run = await collectRun(
      server.url,
      params({ model: 'fake-rate-100', prompt: 'held', max_tokens: 4 }),
      {
        timeouts: { headersMs: 10_000, idleMs: 200 },
        // Before the first read the page takes 400 ms to drain: twice the idle limit.
        whenWritable: () =>
          waits++ === 0 ? new Promise<void>((resolve) => setTimeout(resolve, 400)) : undefined,
      },
    );
    expectDone(run.terminal);
    expect(run.texts[0]).toBe(fakeText('held', 0, 4));
    expect(run.terminal.metrics.durationMs).toBeGreaterThan(400);
  });

  it('applies the headers timeout to the model list too', async () => {
    server.enqueue(() => undefined); // read the request, never answer
    const result = await listModels(
      targetOf(server.url, { timeouts: { headersMs: 200, idleMs: 10_000 } }),
      fetch,
    );
    expect(result.ok ? undefined : result.error).toMatchObject({ kind: 'timeout', code: 'headers_timeout' });
  });
});
