import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeChoice, fakeTokens, startFakeServer, type FakeServer } from '../support/fake-openai-server';

let server: FakeServer;
beforeAll(async () => (server = await startFakeServer()));
afterAll(() => server.close());

const post = (body: Record<string, unknown>) =>
  fetch(`${server.url}/v1/completions`, { method: 'POST', body: JSON.stringify(body) });

describe('fake OpenAI server (the fixture other suites rely on)', () => {
  it('fakeTokens is deterministic, differs per prompt and choice, and includes multi-byte text', () => {
    expect(fakeTokens('a', 0, 20)).toEqual(fakeTokens('a', 0, 20));
    expect(fakeTokens('a', 0, 20)).not.toEqual(fakeTokens('b', 0, 20));
    expect(fakeTokens('a', 0, 20)).not.toEqual(fakeTokens('a', 1, 20));
    const all = [0, 1, 2].flatMap((c) => fakeTokens('x', c, 40)).join('');
    expect(Buffer.byteLength(all)).toBeGreaterThan(all.length);
  });

  it('fakeChoice cuts at the earliest stop sequence', () => {
    const tokens = fakeTokens('p', 0, 10);
    const stop = tokens[3]?.trim() ?? '';
    const c = fakeChoice('p', 0, 10, [stop]);
    expect(c.finishReason).toBe('stop');
    expect(c.matchedStop).toBe(stop);
    expect(c.tokens.join('')).not.toContain(stop);
  });

  it('answers fake-status-<code> with an OpenAI-shaped error', async () => {
    const res = await post({ model: 'fake-status-503', prompt: 'x' });
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({
      error: { message: expect.any(String) as string, type: 'server_error' },
    });
  });

  it('rate-limits the first fake-rate-limit-once request only', async () => {
    const first = await post({ model: 'fake-rate-limit-once', prompt: 'x' });
    expect([first.status, first.headers.get('retry-after')]).toEqual([429, '1']);
    expect((await post({ model: 'fake-rate-limit-once', prompt: 'x' })).status).toBe(200);
  });

  it('scripts exact responses with enqueue and records requests', async () => {
    server.enqueue({ status: 418, headers: { 'X-T': '1' }, body: 'teapot' });
    const res = await post({ model: 'anything', prompt: 'hi' });
    expect([res.status, await res.text(), res.headers.get('x-t')]).toEqual([418, 'teapot', '1']);
    expect(server.requests.at(-1)?.body).toEqual({ model: 'anything', prompt: 'hi' });
  });

  it('fake-rate-<N> streams max_tokens tokens; fake-drop cuts a non-streamed body short', async () => {
    const res = await post({ model: 'fake-rate-1000', prompt: 'r', max_tokens: 5, stream: true });
    const text = await res.text();
    expect(text.match(/"finish_reason":null/g)).toHaveLength(5);
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
    const dropped = await post({ model: 'fake-drop', prompt: 'd' });
    expect(dropped.status).toBe(200);
    await expect(dropped.text()).rejects.toThrow();
  });

  it('fake-drop delivers the tokens it wrote before the drop, even when a busy loop makes them due in one tick', async () => {
    const res = await post({ model: 'fake-drop', prompt: 'busy', max_tokens: 30, stream: true });
    const reader = res.body!.getReader();
    const parts: Uint8Array[] = [];
    const first = await reader.read();
    if (first.value) parts.push(first.value as Uint8Array);
    // Block this process (server included) long enough for every remaining paced step to fall due at once.
    const until = performance.now() + 80;
    while (performance.now() < until);
    for (;;) {
      const part = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (part.value) parts.push(part.value as Uint8Array);
      if (part.done) break;
    }
    const text = Buffer.concat(parts).toString('utf8');
    expect(text.match(/"finish_reason":null/g)).toHaveLength(4);
    expect(text).not.toContain('[DONE]');
  });
});
