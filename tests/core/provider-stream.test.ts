import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunkOf, collectRun, expectDone, expectError, params, sse } from '../support/engine-helpers';
import { fakeText, fakeTokens, startFakeServer, type FakeServer } from '../support/fake-openai-server';

let server: FakeServer;
beforeAll(async () => (server = await startFakeServer()));
afterAll(() => server.close());

const SSE_HEADERS = { 'Content-Type': 'text/event-stream' };

describe('completions from the default fake model', () => {
  it('streams deltas in order and ends done with usage and metrics', async () => {
    const p = params({ prompt: 'streamed', max_tokens: 12 });
    const run = await collectRun(server.url, p);
    const deltas = run.events
      .filter((e) => e.type === 'delta')
      .map((e) => (e.type === 'delta' ? e.text : ''));
    expect(deltas).toEqual(fakeTokens('streamed', 0, 12));
    const done = expectDone(run.terminal);
    expect(done.choices).toEqual([{ index: 0, finishReason: 'length' }]);
    expect(done.usage).toEqual({ prompt_tokens: 1, completion_tokens: 12, total_tokens: 13 });
    expect(done.metrics.attempts).toBe(1);
    expect(done.metrics.ttftMs).toBeGreaterThanOrEqual(0);
    expect(done.metrics.durationMs).toBeGreaterThanOrEqual(done.metrics.ttftMs ?? 0);
    expect(done.response.status).toBe(200);
    expect(done.response.headers['content-type']).toContain('text/event-stream');
    expect(done.response.raw).toContain('"finish_reason":"length"');
    expect(run.events.map((e) => e.type)).toEqual(['started', ...deltas.map(() => 'delta'), 'usage', 'done']);
    expect(run.events.filter((e) => e.type === 'started')[0]).toMatchObject({ streamed: true });
  });

  it('returns a non-streamed completion as one delta per choice', async () => {
    const p = params({ prompt: 'whole', max_tokens: 6, stream: false, n: 2 });
    const run = await collectRun(server.url, p);
    expect(run.texts).toEqual([fakeText('whole', 0, 6), fakeText('whole', 1, 6)]);
    const done = expectDone(run.terminal);
    expect(done.choices.map((c) => c.finishReason)).toEqual(['length', 'length']);
    expect(done.usage?.completion_tokens).toBe(12);
    expect(done.response.raw).toContain('"object":"text_completion"');
    expect(run.events[0]).toMatchObject({ type: 'started', streamed: false });
  });

  it('keeps n=3 streamed choices apart by index', async () => {
    const run = await collectRun(server.url, params({ prompt: 'three', n: 3, max_tokens: 5 }));
    expect(run.texts).toEqual([0, 1, 2].map((c) => fakeText('three', c, 5)));
    const choiceOrder = run.events
      .filter((e) => e.type === 'delta')
      .map((e) => (e.type === 'delta' ? e.choice : -1));
    expect(choiceOrder.slice(0, 6)).toEqual([0, 1, 2, 0, 1, 2]);
    expect(expectDone(run.terminal).choices.map((c) => c.index)).toEqual([0, 1, 2]);
  });

  it('echoes the prompt when asked', async () => {
    const run = await collectRun(server.url, params({ prompt: 'echo me', max_tokens: 2, echo: true }));
    expect(run.texts[0]).toBe('echo me' + fakeText('echo me', 0, 2));
  });

  it('reports a server closing the connection mid-stream as a network error, keeping partial output', async () => {
    const run = await collectRun(server.url, params({ model: 'fake-drop', prompt: 'drop', max_tokens: 50 }));
    const err = expectError(run.terminal);
    expect(err.error.kind).toBe('network');
    expect(err.error.message).toMatch(/interrupted/);
    expect(err.partial).toBe(true);
    expect(run.texts[0]).toBe(fakeTokens('drop', 0, 4).join(''));
  });
});

describe('scripted streams', () => {
  it('fails with `protocol` when [DONE] arrives before every choice finished, keeping the text', async () => {
    server.enqueue({
      headers: SSE_HEADERS,
      chunks: [sse(chunkOf('Hel', 0)), sse(chunkOf('lo', 0)), sse('[DONE]')],
    });
    const run = await collectRun(server.url, params());
    const err = expectError(run.terminal);
    expect(err.error.kind).toBe('protocol');
    expect(err.error.message).toMatch(/\[DONE\] before choice 0 finished/);
    expect(err.partial).toBe(true);
    expect(run.texts[0]).toBe('Hello');
  });

  it('fails with `protocol` when the stream ends before choice 1 of n=2 finished', async () => {
    server.enqueue({ headers: SSE_HEADERS, chunks: [sse(chunkOf('a', 0, 'stop')), sse(chunkOf('b', 1))] });
    const run = await collectRun(server.url, params({ n: 2 }));
    expect(expectError(run.terminal).error.message).toMatch(/closed the stream before choice 1 finished/);
    expect(run.texts).toEqual(['a', 'b']);
  });

  it('accepts a stream that ends without [DONE] once every choice finished', async () => {
    server.enqueue({
      headers: SSE_HEADERS,
      chunks: [sse(chunkOf('ok', 0, 'stop', { object: 'completion' }))],
    });
    expectDone((await collectRun(server.url, params())).terminal);
  });

  it('turns a data payload with an error object into an error event with the server message', async () => {
    const error = { error: { message: 'Model crashed', type: 'server_error', code: 'internal' } };
    server.enqueue({
      headers: SSE_HEADERS,
      chunks: [sse(chunkOf('part', 0)), sse(error), sse(chunkOf('never', 0))],
    });
    const run = await collectRun(server.url, params());
    const err = expectError(run.terminal);
    expect(err.error).toMatchObject({
      kind: 'server_error',
      message: 'Model crashed',
      type: 'server_error',
      code: 'internal',
    });
    expect(err.partial).toBe(true);
    expect(run.texts[0]).toBe('part');
  });

  it("reads llama.cpp's `error:` line (then [DONE]) as an error with its message", async () => {
    const line = 'error: {"code":500,"message":"slot unavailable","type":"server_error"}\n\n';
    server.enqueue({ headers: SSE_HEADERS, chunks: [sse(chunkOf('x', 0)), line, sse('[DONE]')] });
    const run = await collectRun(server.url, params());
    const err = expectError(run.terminal);
    expect(err.error).toMatchObject({ kind: 'server_error', message: 'slot unavailable', code: 500 });
    expect(run.texts[0]).toBe('x');
  });

  it('decodes UTF-8 characters split across network chunks', async () => {
    const bytes = Buffer.from(sse(chunkOf('日本語 🙂 café', 0, 'stop')) + sse('[DONE]'));
    const at = bytes.indexOf(Buffer.from('🙂')) + 2;
    const parts = [bytes.subarray(0, 13), bytes.subarray(13, at), bytes.subarray(at)];
    server.enqueue({ headers: SSE_HEADERS, chunks: parts, chunkDelayMs: 5 });
    const run = await collectRun(server.url, params());
    expect(run.texts[0]).toBe('日本語 🙂 café');
    expectDone(run.terminal);
  });

  it('handles CRLF line endings, comments and keep-alive pings', async () => {
    const body = `: ping\r\n\r\n${sse(chunkOf('a', 0)).replace(/\n/g, '\r\n')}:keep-alive\n\n${sse(chunkOf('b', 0, 'stop'))}data: [DONE]\r\n\r\n`;
    server.enqueue({ headers: SSE_HEADERS, chunks: [body.slice(0, 9), body.slice(9)], chunkDelayMs: 5 });
    const run = await collectRun(server.url, params());
    expect(run.texts[0]).toBe('ab');
    expectDone(run.terminal);
  });

  it('carries a 1 MB event through', async () => {
    const big = 'x'.repeat(1024 * 1024);
    server.enqueue({ headers: SSE_HEADERS, body: sse(chunkOf(big, 0, 'length')) + sse('[DONE]') });
    const run = await collectRun(server.url, params());
    expect(run.texts[0]?.length).toBe(big.length);
    const done = expectDone(run.terminal);
    expect(done.response.raw?.length).toBe(64 * 1024);
  });

  it('reads matchedStop from vLLM stop_reason and SGLang matched_stop, usage from the final chunk', async () => {
    const last = chunkOf('', 1, 'stop', {
      usage: { prompt_tokens: 2, completion_tokens: 3, total_tokens: 5 },
    });
    (last.choices[0] as Record<string, unknown>)['matched_stop'] = '###';
    const vllm = chunkOf('', 0, 'stop');
    (vllm.choices[0] as Record<string, unknown>)['stop_reason'] = '\n\n';
    server.enqueue({
      headers: SSE_HEADERS,
      body: [chunkOf('a', 0), chunkOf('b', 1), vllm, last].map(sse).join(''),
    });
    const run = await collectRun(server.url, params({ n: 2 }));
    const done = expectDone(run.terminal);
    expect(done.choices).toEqual([
      { index: 0, finishReason: 'stop', matchedStop: '\n\n' },
      { index: 1, finishReason: 'stop', matchedStop: '###' },
    ]);
    expect(done.usage).toEqual({ prompt_tokens: 2, completion_tokens: 3, total_tokens: 5 });
    expect(run.events.filter((e) => e.type === 'usage')).toHaveLength(1);
  });

  it('answers an HTML page with status 200 as a protocol error', async () => {
    server.enqueue({
      headers: { 'Content-Type': 'text/html' },
      body: '<html><body><h1>Welcome</h1> to nginx</body></html>',
    });
    const err = expectError((await collectRun(server.url, params())).terminal);
    expect(err.error.kind).toBe('protocol');
    expect(err.error.message).toContain('text/html: Welcome to nginx');
    expect(err.response?.status).toBe(200);
  });

  it('reads a JSON answer to a streamed request (servers that ignore stream)', async () => {
    const body = JSON.stringify({
      object: 'text_completion',
      choices: [{ text: 'plain', index: 0, finish_reason: 'stop' }],
    });
    server.enqueue({ headers: { 'Content-Type': 'application/json' }, body });
    const run = await collectRun(server.url, params());
    expect(run.texts[0]).toBe('plain');
    expectDone(run.terminal);
  });

  it('reports an event that is not JSON as a protocol error', async () => {
    server.enqueue({ headers: SSE_HEADERS, body: sse(chunkOf('a', 0)) + 'data: {"choices": [\n\n' });
    const run = await collectRun(server.url, params());
    expect(expectError(run.terminal).error).toMatchObject({ kind: 'protocol' });
    expect(run.texts[0]).toBe('a');
  });

  it('reads `event: error` frames, JSON or plain text', async () => {
    server.enqueue({
      headers: SSE_HEADERS,
      body: sse(chunkOf('a', 0)) + 'event: error\ndata: upstream timed out\n\n',
    });
    const run = await collectRun(server.url, params());
    expect(expectError(run.terminal).error).toEqual({ kind: 'server_error', message: 'upstream timed out' });
    server.enqueue({
      headers: SSE_HEADERS,
      body: 'event: error\ndata: {"message":"overloaded","code":503}\n\n',
    });
    const json = expectError((await collectRun(server.url, params())).terminal);
    expect(json.error).toEqual({ kind: 'unavailable', message: 'overloaded', code: 503 });
    expect(json.partial).toBe(false);
  });
});
