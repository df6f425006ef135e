import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeText, startFakeServer, type FakeServer } from '../support/fake-openai-server';
import type { FlavourName } from '../support/fake-flavours';

/** The recorded llama-server answers: request body → [status, body] (tests/fixtures/llama-server/capabilities.md). */
const recordings = (): Map<string, { status: number; body: string }> => {
  const text = readFileSync(new URL('../fixtures/llama-server/capabilities.md', import.meta.url), 'utf8');
  const out = new Map<string, { status: number; body: string }>();
  for (const m of text.matchAll(/## POST \/v1\/completions (\{.*\})\n```\n(.*)\n\[HTTP (\d+)\]/g))
    out.set(m[1] ?? '', { body: m[2] ?? '', status: Number(m[3]) });
  return out;
};

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const start = async (flavour: FlavourName) => (server = await startFakeServer({ flavour }));
const post = async (path: string, body: unknown) => {
  const res = await fetch(`${server?.url}${path}`, { method: 'POST', body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
};
const get = async (path: string) => {
  const res = await fetch(`${server?.url}${path}`);
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
};
const textOf = (json: Record<string, unknown>, i = 0): unknown =>
  (json['choices'] as { text: unknown }[] | undefined)?.[i]?.text;

describe('fake server flavours', () => {
  it('llama.cpp refuses n > 1, echo and best_of with the exact recorded answers', async () => {
    await start('llama.cpp');
    const recorded = recordings();
    for (const body of [
      '{"prompt":"Hello","max_tokens":2,"n":2}',
      '{"prompt":"Hello","max_tokens":2,"echo":false}',
      '{"prompt":"Hello","max_tokens":2,"best_of":1}',
    ]) {
      const want = recorded.get(body);
      expect(want?.status).toBe(500);
      const got = await post('/v1/completions', JSON.parse(body));
      expect(got.status).toBe(want?.status);
      expect(got.json).toEqual(JSON.parse(want?.body ?? 'null'));
    }
  });

  it('llama.cpp ignores object-form logit_bias and reads the array form, as recorded', async () => {
    await start('llama.cpp');
    const base = { prompt: 'Hello', max_tokens: 4, temperature: 0 };
    const plain = await post('/v1/completions', base);
    const object = await post('/v1/completions', { ...base, logit_bias: { 1262: 100 } });
    expect(textOf(object.json)).toBe(textOf(plain.json));
    const { json } = await post('/tokenize', { content: ' the' });
    const [id] = json['tokens'] as number[];
    const array = await post('/v1/completions', { ...base, logit_bias: [[id, 100]] });
    expect(textOf(array.json)).toBe(' the the the the');
    expect(plain.json['system_fingerprint']).toBe('b4748-c392e5094');
  });

  it('llama.cpp sends chat-style logprobs, usage on the last stream chunk, /tokenize and /props', async () => {
    await start('llama.cpp');
    const { json } = await post('/v1/completions', { prompt: 'Hello', max_tokens: 2, seed: 3, logprobs: 2 });
    const content = (json['choices'] as { logprobs: { content: { token: string; bytes: number[] }[] } }[])[0]
      ?.logprobs.content;
    expect(content?.map((t) => t.token).join('')).toBe(textOf(json));
    expect(content?.[0]?.bytes).toEqual([...Buffer.from(content?.[0]?.token ?? '')]);
    expect((await post('/tokenize', { content: 'Hello world, this is a test' })).json['tokens']).toHaveLength(
      6,
    );
    expect((await get('/props')).json).toEqual({ default_generation_settings: { n_ctx: 512 } });
    const res = await fetch(`${server?.url}/v1/completions`, {
      method: 'POST',
      body: JSON.stringify({ prompt: 'Hello', max_tokens: 2, stream: true }),
    });
    const events = (await res.text()).split('\n\n').filter((e) => e.startsWith('data: {'));
    expect(events.at(-1)).toContain('"usage"');
    expect(events.at(-1)).toContain('"finish_reason":"length"');
  });

  it('honours the seed where the flavour does, and ignores it in seed-ignoring', async () => {
    const body = { prompt: 'Hello', max_tokens: 8, temperature: 1, seed: 7 };
    await start('openai');
    expect(textOf((await post('/v1/completions', body)).json)).toBe(
      textOf((await post('/v1/completions', body)).json),
    );
    await server?.close();
    await start('seed-ignoring');
    expect(textOf((await post('/v1/completions', body)).json)).not.toBe(
      textOf((await post('/v1/completions', body)).json),
    );
    // Greedy text stays the plain fake server's, so existing expectations carry over.
    const greedy = await post('/v1/completions', { prompt: 'Hello', max_tokens: 3, temperature: 0 });
    expect(textOf(greedy.json)).toBe(fakeText('Hello', 0, 3));
  });

  it('vLLM has /tokenize in its own shape and max_model_len on /v1/models', async () => {
    await start('vllm');
    expect(
      (await post('/tokenize', { model: 'm', prompt: 'Hello world, this is a test' })).json,
    ).toMatchObject({
      count: 6,
      max_model_len: 4096,
    });
    expect((await post('/tokenize', { content: 'x' })).status).toBe(400);
    expect((await get('/v1/models')).json['data']).toContainEqual(
      expect.objectContaining({ id: 'fake-model', max_model_len: 4096 }),
    );
    expect((await fetch(`${server?.url}/props`)).status).toBe(404);
  });

  it('OpenAI honours n, echo, legacy logprobs, logit_bias and usage in streams only when asked', async () => {
    await start('openai');
    const { json } = await post('/v1/completions', {
      prompt: 'Hi',
      max_tokens: 2,
      n: 2,
      echo: true,
      logprobs: 1,
    });
    const choices = json['choices'] as { text: string; logprobs: { tokens: string[] } }[];
    expect(choices).toHaveLength(2);
    expect(choices[0]?.text.startsWith('Hi')).toBe(true);
    expect(choices[0]?.logprobs.tokens).toHaveLength(2);
    const forced = await post('/v1/completions', { prompt: 'Hi', max_tokens: 2, logit_bias: { 0: 100 } });
    expect(textOf(forced.json)).toBe(' #0 #0');
    const stream = async (extra: Record<string, unknown>) => {
      const res = await fetch(`${server?.url}/v1/completions`, {
        method: 'POST',
        body: JSON.stringify({ prompt: 'Hi', max_tokens: 2, stream: true, ...extra }),
      });
      return res.text();
    };
    expect(await stream({})).not.toContain('"usage"');
    expect(await stream({ stream_options: { include_usage: true } })).toContain('"choices":[],"usage"');
  });
});
