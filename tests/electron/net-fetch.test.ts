/**
 * The desktop fetch over a structural stand-in for Electron's net.request: responses stream through, redirects come
 * back as themselves (so the core can name the target) and are never followed, aborts and errors reject.
 */
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCompletion } from '../../main/core/provider';
import { createNetFetch, type NetRequest, type NetResponseLike } from '../../main/electron/net-fetch';
import { createFakeClock, params, targetOf } from '../support/engine-helpers';

/** A ClientRequest stand-in: records what was asked of it; the test plays the network's part. */
class FakeClientRequest extends EventEmitter {
  readonly headers: Record<string, string> = {};
  body: string | undefined;
  ended = false;
  aborted = 0;
  constructor(readonly options: Parameters<NetRequest>[0]) {
    super();
  }
  setHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  end(chunk?: string) {
    this.body = chunk;
    this.ended = true;
  }
  abort() {
    this.aborted++;
  }
}

const setup = () => {
  const requests: FakeClientRequest[] = [];
  const fetch = createNetFetch((options) => {
    const req = new FakeClientRequest(options);
    requests.push(req);
    return req;
  });
  return { fetch, requests };
};

/** An IncomingMessage stand-in: a Node stream with status and headers, as Electron's is at run time. */
const incoming = (
  status: number,
  headers: Record<string, string | string[]>,
): PassThrough & NetResponseLike =>
  Object.assign(new PassThrough(), { statusCode: status, statusMessage: 'OK', headers });

describe('createNetFetch', () => {
  it('sends method, headers and body with redirects manual and no cookies, and streams the answer', async () => {
    const { fetch, requests } = setup();
    const pending = fetch('https://llm.example/v1/completions', {
      method: 'POST',
      headers: { Authorization: 'Bearer k', 'Content-Type': 'application/json' },
      body: '{"prompt":"hi"}',
    });
    const req = requests[0]!;
    expect(req.options).toEqual({
      method: 'POST',
      url: 'https://llm.example/v1/completions',
      redirect: 'manual',
      credentials: 'omit',
    });
    expect(req.headers).toEqual({ authorization: 'Bearer k', 'content-type': 'application/json' });
    expect([req.ended, req.body]).toEqual([true, '{"prompt":"hi"}']);
    const message = incoming(200, { 'content-type': 'text/event-stream', 'x-multi': ['a', 'b'] });
    req.emit('response', message);
    const response = await pending;
    expect(response.status).toBe(200);
    expect(response.headers.get('x-multi')).toBe('a, b');
    message.end('data: [DONE]\n\n');
    expect(await response.text()).toBe('data: [DONE]\n\n');
  });

  it('returns a redirect as the 3xx it is, with its target, and follows nothing', async () => {
    const { fetch, requests } = setup();
    const pending = fetch('https://llm.example/v1/models', { redirect: 'follow' });
    const req = requests[0]!;
    expect(req.options.redirect).toBe('manual');
    req.emit('redirect', 307, 'GET', 'https://elsewhere.example/v1/models', { server: ['x'] });
    // What Electron reports after a redirect that was not followed: ignored, the answer is already given.
    req.emit('error', new Error('Redirect was cancelled'));
    const response = await pending;
    expect([response.status, response.headers.get('location')]).toEqual([
      307,
      'https://elsewhere.example/v1/models',
    ]);
    expect(req.aborted).toBe(1);
    expect(requests).toHaveLength(1);
  });

  it('rejects on abort (before or during the request) and aborts the request', async () => {
    const { fetch, requests } = setup();
    const early = new AbortController();
    early.abort();
    await expect(fetch('https://llm.example/', { signal: early.signal })).rejects.toThrow();
    expect(requests).toHaveLength(0);
    const late = new AbortController();
    const pending = fetch('https://llm.example/', { signal: late.signal });
    late.abort();
    await expect(pending).rejects.toThrow();
    expect(requests[0]!.aborted).toBe(1);
  });

  it('rejects with the network error', async () => {
    const { fetch, requests } = setup();
    const pending = fetch('https://llm.example/');
    requests[0]!.emit('error', new Error('net::ERR_NAME_NOT_RESOLVED'));
    await expect(pending).rejects.toThrow('ERR_NAME_NOT_RESOLVED');
  });

  it('lets the core name the target of a redirect in the desktop app too', async () => {
    const { fetch, requests } = setup();
    const events: string[] = [];
    const run = runCompletion({
      runId: 'run-net-fetch-1',
      target: targetOf('https://llm.example'),
      params: params(),
      signal: new AbortController().signal,
      emit: (e) => void events.push(e.type),
      fetch,
      clock: createFakeClock(),
    });
    await new Promise((resolve) => setImmediate(resolve));
    requests[0]!.emit('redirect', 308, 'POST', 'https://other.example/v1/completions', {});
    const end = await run;
    expect(end.type === 'error' && end.error.message).toContain(
      'redirected to https://other.example/v1/completions',
    );
    expect(requests).toHaveLength(1);
  });
});
