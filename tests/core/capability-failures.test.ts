import { afterEach, describe, expect, it } from 'vitest';
import { runCapabilityCheck } from '../../main/core/capability';
import { sendProbe } from '../../main/core/capability/probe-http';
import { targetOf } from '../support/engine-helpers';
import { startFakeServer, type FakeServer } from '../support/fake-openai-server';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const JSON_HEADERS = { 'Content-Type': 'application/json' };

describe('capability check failures', () => {
  it('fails as a whole, with the server message, when the plain request fails', async () => {
    server = await startFakeServer();
    const result = await runCapabilityCheck({
      target: targetOf(server.url),
      model: 'fake-status-401',
      fetch,
      signal: new AbortController().signal,
    });
    expect(result.ok).toBe(false);
    expect(result.ok ? undefined : result.error).toMatchObject({
      kind: 'authentication',
      status: 401,
      message: 'The plain request failed, so nothing was checked: Incorrect API key provided.',
    });
    // It stopped at the baseline: nothing after it was sent.
    expect(server.requests.at(-1)?.path).toBe('/v1/completions');
    expect(server.requests).toHaveLength(4);
  });

  it('does not follow a redirect: the model list counts as unreachable and the target is never asked', async () => {
    server = await startFakeServer({ flavour: 'openai' });
    server.enqueue({ status: 302, headers: { Location: `${server.url}/elsewhere` }, body: '' });
    const result = await runCapabilityCheck({
      target: targetOf(server.url, { apiKey: 'sk-redirect' }),
      model: 'fake-model',
      fetch,
      signal: new AbortController().signal,
    });
    expect(result.ok).toBe(true);
    const report = result.ok ? result.value : undefined;
    expect(report?.features.models.state).toBe('no');
    expect(report?.features.models.detail).toContain('does not follow redirects');
    expect(report?.requests[0]).toMatchObject({ probe: 'models', status: 302 });
    expect(server.requests.some((r) => r.path === '/elsewhere')).toBe(false);
  });

  it('stops when cancelled: the check fails and sends nothing more', async () => {
    server = await startFakeServer({ flavour: 'openai' });
    const controller = new AbortController();
    let calls = 0;
    const counting: typeof fetch = (input, init) => {
      if (++calls === 5) controller.abort();
      return fetch(input, init);
    };
    const result = await runCapabilityCheck({
      target: targetOf(server.url),
      model: 'fake-model',
      fetch: counting,
      signal: controller.signal,
    });
    expect(result).toEqual({
      ok: false,
      error: { kind: 'network', message: 'The capability check was cancelled.' },
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.requests.length).toBeLessThanOrEqual(5);
    expect(calls).toBe(5);
  });

  it('gives each request a deadline: a silent /v1/models is recorded and the check goes on', async () => {
    server = await startFakeServer({ flavour: 'vllm' });
    server.enqueue({ headers: JSON_HEADERS, chunks: ['{"data":'], after: 'hang' });
    const result = await runCapabilityCheck({
      target: targetOf(server.url),
      model: 'fake-model',
      fetch,
      signal: new AbortController().signal,
      timeoutMs: 300,
    });
    expect(result.ok).toBe(true);
    const report = result.ok ? result.value : undefined;
    expect(report?.features.models).toEqual({ state: 'no', detail: 'No complete answer within 0.3 s.' });
    expect(report?.requests[0]).not.toHaveProperty('status');
    // The context length still came, from vLLM's /tokenize answer.
    expect(report?.contextLength).toEqual({ tokens: 4096, source: 'vLLM max_model_len' });
    expect(report?.params.n.status).toBe('honoured');
  });
});

describe('sendProbe', () => {
  const probe = (path: string, extra: Partial<Parameters<typeof sendProbe>[0]> = {}) =>
    sendProbe({
      target: targetOf(server!.url),
      method: 'POST',
      path,
      body: { a: 1 },
      fetch,
      signal: new AbortController().signal,
      timeoutMs: 5_000,
      maxBytes: 1_000,
      ...extra,
    });

  it('refuses an answer larger than its cap', async () => {
    server = await startFakeServer();
    server.enqueue({ headers: JSON_HEADERS, chunks: ['{"x":"', 'a'.repeat(800), 'b'.repeat(800), '"}'] });
    expect(await probe('/tokenize')).toEqual({
      kind: 'failed',
      error: { kind: 'protocol', message: 'The answer is larger than 1 kB.' },
    });
  });

  it("reads an error sent inside a 200 stream with the status from its code (llama.cpp's error line)", async () => {
    server = await startFakeServer();
    server.enqueue({
      chunks: [
        'error: {"code":500,"message":"Unsupported param: echo","type":"server_error"}\n\n',
        'data: [DONE]\n\n',
      ],
    });
    const answer = await probe('/v1/completions', { stream: true });
    expect(answer).toMatchObject({
      kind: 'failed',
      error: { status: 500, message: 'Unsupported param: echo' },
    });
  });

  it('sends JSON with the profile key and no redirect following', async () => {
    server = await startFakeServer();
    server.enqueue({ status: 307, headers: { Location: 'https://example.invalid/' }, body: '' });
    const answer = await probe('/tokenize', { target: targetOf(server.url, { apiKey: 'sk-p' }) });
    expect(answer).toMatchObject({ kind: 'failed', error: { status: 307 } });
    expect(server.requests[0]?.headers['content-type']).toBe('application/json');
    expect(server.requests[0]?.headers.authorization).toBe('Bearer sk-p');
  });
});
