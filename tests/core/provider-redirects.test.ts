/**
 * Redirects are answered, never followed: following one would re-send the prompt and the profile's extra headers
 * to wherever the server points (another host included), and a loop would repeat the POST.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listModels } from '../../main/core/provider';
import { collectRun, expectError, params, targetOf } from '../support/engine-helpers';
import { startFakeServer, type FakeServer } from '../support/fake-openai-server';

let server: FakeServer;
let elsewhere: FakeServer;
beforeAll(async () => {
  server = await startFakeServer();
  elsewhere = await startFakeServer();
});
afterAll(async () => {
  await server.close();
  await elsewhere.close();
});

const HEADERS = { 'X-Api-Key': 'profile-header-secret', 'api-key': 'another-secret' };
// Retries on: a redirect must end the run even under a policy that retries everything it may.
const RETRY_ALL = { maxAttempts: 5, retryServerErrors: true, retryConnectionErrors: true };

describe('a completion answered with a redirect', () => {
  const cases = [301, 302, 307, 308].flatMap((status) => [
    { status, where: 'another origin', target: () => `${elsewhere.url}/v1/completions` },
    { status, where: 'the same origin', target: () => `${server.url}/other/v1/completions` },
  ]);

  it.each(cases)('$status to $where: one request, nothing sent on, an error naming the target', async (c) => {
    const before = server.requests.length;
    const othersBefore = elsewhere.requests.length;
    server.enqueue({ status: c.status, headers: { Location: c.target() }, body: 'moved' });
    const run = await collectRun(server.url, params({ prompt: 'the secret prompt' }), {
      headers: HEADERS,
      apiKey: 'sk-redirect-key',
      retry: RETRY_ALL,
    });
    expect(server.requests.length - before).toBe(1);
    expect(elsewhere.requests.length - othersBefore).toBe(0);
    const error = expectError(run.terminal).error;
    expect(error).toMatchObject({ kind: 'http_error', status: c.status, code: 'redirect' });
    expect(error.message).toContain(`redirected to ${c.target()}`);
    expect(error.message).toContain('update the base URL');
    expect(run.terminal.metrics.attempts).toBe(1);
    expect(run.events.filter((e) => e.type === 'retrying')).toEqual([]);
    // "What was sent" shows the one URL the prompt went to.
    const started = run.events.find((e) => e.type === 'started');
    expect(started?.type === 'started' && started.request.url).toBe(`${server.url}/v1/completions`);
  });

  it('a redirect loop costs one POST', async () => {
    // A server of its own: the redirects left queued when the client stops must not reach the other tests.
    const looping = await startFakeServer();
    try {
      const self = `${looping.url}/v1/completions`;
      for (let i = 0; i < 30; i++) looping.enqueue({ status: 307, headers: { Location: self } });
      const run = await collectRun(looping.url, params(), { retry: RETRY_ALL });
      expect(looping.requests.length).toBe(1);
      expect(expectError(run.terminal).error.message).toContain(`redirected to ${self}`);
    } finally {
      await looping.close();
    }
  });

  it('names a relative target resolved against the request, without credentials, query or fragment', async () => {
    server.enqueue({ status: 302, headers: { Location: '/moved/v1/completions?sig=abc#x' } });
    const run = await collectRun(server.url, params());
    const message = expectError(run.terminal).error.message;
    expect(message).toContain(`redirected to ${server.url}/moved/v1/completions (HTTP 302)`);
    expect(message).not.toContain('sig=abc');
    server.enqueue({ status: 301, headers: { Location: 'https://user:pw@elsewhere.example/v1' } });
    const withCredentials = expectError((await collectRun(server.url, params())).terminal).error.message;
    expect(withCredentials).toContain('redirected to https://elsewhere.example/v1');
    expect(withCredentials).not.toContain('pw');
  });
});

describe('a model list answered with a redirect', () => {
  it.each([301, 302, 307, 308])('%s: one request, an error naming the target', async (status) => {
    const before = server.requests.length;
    const othersBefore = elsewhere.requests.length;
    server.enqueue({ status, headers: { Location: `${elsewhere.url}/v1/models` } });
    const result = await listModels(targetOf(server.url, { headers: HEADERS, apiKey: 'sk-x' }), fetch);
    expect(server.requests.length - before).toBe(1);
    expect(elsewhere.requests.length - othersBefore).toBe(0);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toMatchObject({ kind: 'http_error', status, code: 'redirect' });
      expect(result.error.message).toContain(`redirected to ${elsewhere.url}/v1/models`);
    }
  });
});
