import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorFromNetwork, errorFromResponse } from '../../main/core/provider';
import type { ErrorKind } from '../../shared/result';
import { collectRun, expectError, params } from '../support/engine-helpers';
import { startFakeServer, type FakeServer } from '../support/fake-openai-server';

let server: FakeServer;
beforeAll(async () => (server = await startFakeServer()));
afterAll(() => server.close());

const NO_RETRY = { retry: { enabled: false } };
const STATUSES: [number, ErrorKind][] = [
  [400, 'bad_request'],
  [401, 'authentication'],
  [403, 'permission_denied'],
  [404, 'not_found'],
  [409, 'http_error'],
  [422, 'unprocessable'],
  [429, 'rate_limited'],
  [500, 'server_error'],
  [502, 'http_error'],
  [503, 'unavailable'],
];

describe('HTTP errors reach the user with the server message', () => {
  it.each(STATUSES)('%i with an OpenAI-shaped body → %s', async (status, kind) => {
    const error = {
      message: `openai says ${status}`,
      type: 'invalid_request_error',
      param: 'temperature',
      code: 'bad',
    };
    server.enqueue({
      status,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ error }),
    });
    const run = await collectRun(server.url, params(), NO_RETRY);
    const err = expectError(run.terminal);
    expect(err.error).toEqual({
      kind,
      status,
      message: `openai says ${status}`,
      type: error.type,
      param: 'temperature',
      code: 'bad',
    });
    expect(err.partial).toBe(false);
    expect(err.response?.status).toBe(status);
    expect(err.response?.raw).toContain(`openai says ${status}`);
  });

  it.each(STATUSES)('%i with a llama.cpp-shaped body (integer code) → %s', async (status, kind) => {
    const body = JSON.stringify({
      error: { code: status, message: `llama says ${status}`, type: 'server_error' },
    });
    server.enqueue({ status, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body });
    const err = expectError((await collectRun(server.url, params(), NO_RETRY)).terminal);
    expect(err.error).toEqual({
      kind,
      status,
      message: `llama says ${status}`,
      type: 'server_error',
      code: status,
    });
  });

  it.each(STATUSES)('%i with an HTML page → %s with readable text', async (status, kind) => {
    const body = `<!DOCTYPE html><html><head><style>h1{color:red}</style><title>Oops</title></head>
      <body><h1>${status} Error</h1>\n\n<p>Gateway &amp; friends</p></body></html>`;
    server.enqueue({ status, statusText: 'Bad Things', headers: { 'Content-Type': 'text/html' }, body });
    const err = expectError((await collectRun(server.url, params(), NO_RETRY)).terminal);
    expect(err.error).toEqual({
      kind,
      status,
      message: `HTTP ${status} Bad Things: Oops ${status} Error Gateway & friends`,
    });
  });

  it('uses the model-driven statuses of the fake server (fake-status-401)', async () => {
    const err = expectError(
      (await collectRun(server.url, params({ model: 'fake-status-401' }), NO_RETRY)).terminal,
    );
    expect(err.error).toMatchObject({
      kind: 'authentication',
      status: 401,
      message: 'Incorrect API key provided.',
    });
  });
});

describe('errorFromResponse shapes', () => {
  it('reads vLLM top-level errors, FastAPI detail, string errors, and clips plain bodies at 500 chars', () => {
    const vllm = errorFromResponse(
      400,
      'Bad Request',
      '{"object":"error","message":"too long","type":"BadRequestError","code":400}',
    );
    expect(vllm).toEqual({
      kind: 'bad_request',
      status: 400,
      message: 'too long',
      type: 'BadRequestError',
      code: 400,
    });
    expect(errorFromResponse(422, '', '{"detail":"field required"}').message).toBe('field required');
    expect(errorFromResponse(500, '', '{"error":"boom"}').message).toBe('boom');
    const plain = errorFromResponse(502, 'Bad Gateway', 'y'.repeat(2000));
    expect(plain.message).toBe(`HTTP 502 Bad Gateway: ${'y'.repeat(500)}`);
    expect(errorFromResponse(504, 'Gateway Timeout', '')).toEqual({
      kind: 'http_error',
      status: 504,
      message: 'HTTP 504 Gateway Timeout',
    });
  });
});

describe('network failures', () => {
  it('reports a refused connection as `network` with ECONNREFUSED', async () => {
    // Take a free port, then close it so nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const run = await collectRun(`http://127.0.0.1:${port}`, params(), NO_RETRY);
    const err = expectError(run.terminal);
    expect(err.error).toMatchObject({ kind: 'network', code: 'ECONNREFUSED' });
    expect(err.error.message).toContain(`127.0.0.1:${port}`);
    expect(err.metrics.attempts).toBe(1);
  });

  it('maps DNS, TLS and timeout codes from undici-style causes', () => {
    const wrap = (code: string) =>
      Object.assign(new TypeError('fetch failed'), { cause: { code, message: code } });
    expect(errorFromNetwork(wrap('ENOTFOUND'), 'https://nope.invalid/v1')).toMatchObject({
      kind: 'network',
      code: 'ENOTFOUND',
    });
    expect(errorFromNetwork(wrap('CERT_HAS_EXPIRED'), 'https://x/').message).toMatch(/^TLS error with x/);
    expect(errorFromNetwork(wrap('UND_ERR_HEADERS_TIMEOUT'), 'https://x/')).toMatchObject({
      kind: 'timeout',
    });
    expect(errorFromNetwork(new Error('weird'), 'https://x/')).toEqual({
      kind: 'network',
      message: 'Network error with x: weird',
    });
  });
});
