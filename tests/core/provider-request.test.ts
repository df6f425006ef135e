import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCompletionRequest } from '../../main/core/provider';
import { normalizeBaseUrl } from '../../shared/base-url';
import { collectRun, expectDone, params, targetOf } from '../support/engine-helpers';
import { fakeText, startFakeServer, type FakeServer } from '../support/fake-openai-server';

describe('normalizeBaseUrl', () => {
  it.each([
    ['https://api.r9s.ai', 'https://api.r9s.ai'],
    ['https://api.r9s.ai/', 'https://api.r9s.ai'],
    ['https://api.r9s.ai/v1', 'https://api.r9s.ai'],
    ['https://api.r9s.ai/v1/', 'https://api.r9s.ai'],
    ['  http://127.0.0.1:8080/V1//  ', 'http://127.0.0.1:8080'],
    ['https://host/proxy/openai/v1', 'https://host/proxy/openai'],
    ['https://host/v10', 'https://host/v10'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeBaseUrl(input)).toBe(expected);
    expect(buildCompletionRequest(targetOf(input), params()).url).toBe(`${expected}/v1/completions`);
  });
});

describe('buildCompletionRequest', () => {
  it('sends only the parameters that are set', () => {
    const { body } = buildCompletionRequest(targetOf('http://x'), params({ temperature: 0, max_tokens: 5 }));
    expect(body).toEqual({
      model: 'fake-model',
      prompt: 'Once upon a time',
      temperature: 0,
      max_tokens: 5,
      stream: true,
    });
    for (const key of [
      'top_p',
      'n',
      'best_of',
      'echo',
      'stop',
      'logit_bias',
      'seed',
      'user',
      'stream_options',
    ]) {
      expect(body).not.toHaveProperty(key);
    }
  });

  it('sends falsy values that are set (0, false) and drops empty stop lists and bias tables', () => {
    const p = params({ seed: 0, echo: false, frequency_penalty: 0, stop: [], logit_bias: {} });
    const { body } = buildCompletionRequest(targetOf('http://x'), p);
    expect(body).toMatchObject({ seed: 0, echo: false, frequency_penalty: 0 });
    expect(body).not.toHaveProperty('stop');
    expect(body).not.toHaveProperty('logit_bias');
  });

  it('forces a non-streamed request when best_of > 1', () => {
    const built = buildCompletionRequest(targetOf('http://x'), params({ best_of: 3, n: 2 }));
    expect(built.body['stream']).toBe(false);
    expect(built.streamed).toBe(false);
    expect(buildCompletionRequest(targetOf('http://x'), params({ best_of: 1 })).body['stream']).toBe(true);
  });

  it('merges the extra body last, but never prototype keys', () => {
    const extra = JSON.parse(
      '{"top_k": 40, "temperature": 0.2, "stop": "\\n", "__proto__": {"polluted": 1}}',
    ) as Record<string, unknown>;
    const { body } = buildCompletionRequest(targetOf('http://x'), params({ temperature: 1 }), extra);
    expect(body).toMatchObject({ top_k: 40, temperature: 0.2, stop: '\n' });
    expect(Object.prototype.hasOwnProperty.call(body, '__proto__')).toBe(false);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('keeps the key out of the record and drops reserved profile headers', () => {
    const target = targetOf('http://x', {
      apiKey: 'sk-secret-123',
      headers: { 'X-Org': 'a', authorization: 'evil' },
    });
    const built = buildCompletionRequest(target, params());
    expect(built.headers['Authorization']).toBe('Bearer sk-secret-123');
    expect(built.headers['X-Org']).toBe('a');
    expect(built.headers).not.toHaveProperty('authorization');
    expect(built.record.headers['Authorization']).toBe('Bearer [redacted]');
    expect(JSON.stringify(built.record)).not.toContain('sk-secret-123');
  });

  it('sends no Authorization header without a key', () => {
    expect(buildCompletionRequest(targetOf('http://x'), params()).headers).not.toHaveProperty(
      'Authorization',
    );
  });
});

describe('the request on the wire', () => {
  let server: FakeServer;
  beforeAll(async () => (server = await startFakeServer()));
  afterAll(() => server.close());

  it('POSTs JSON to /v1/completions with the key, profile headers and the exact recorded body', async () => {
    const run = await collectRun(`${server.url}/v1/`, params({ max_tokens: 3, seed: 7 }), {
      apiKey: 'sk-wire',
      headers: { 'X-Trace': 't1' },
      extraBody: { top_k: 5 },
    });
    const seen = server.requests.at(-1);
    expect(seen?.method).toBe('POST');
    expect(seen?.path).toBe('/v1/completions');
    expect(seen?.headers['authorization']).toBe('Bearer sk-wire');
    expect(seen?.headers['content-type']).toBe('application/json');
    expect(seen?.headers['x-trace']).toBe('t1');
    const started = run.events[0];
    if (started?.type !== 'started') throw new Error('first event must be started');
    expect(seen?.body).toEqual(started.request.body);
    expect(seen?.body).toEqual({
      model: 'fake-model',
      prompt: 'Once upon a time',
      max_tokens: 3,
      seed: 7,
      stream: true,
      top_k: 5,
    });
    expect(JSON.stringify(run.events)).not.toContain('sk-wire');
    expectDone(run.terminal);
  });

  it('sends no Authorization header when the profile has no key', async () => {
    await collectRun(server.url, params({ max_tokens: 1 }));
    expect(server.requests.at(-1)?.headers).not.toHaveProperty('authorization');
  });

  it('sends stop as a list, and as a string through the extra body, and the server stops on it', async () => {
    const prompt = 'stop test';
    const full = fakeText(prompt, 0, 16);
    const stopWord = full.trim().split(' ')[2] ?? 'fox';
    const list = await collectRun(server.url, params({ prompt, max_tokens: 16, stop: [stopWord, 'zzz'] }));
    expect(server.requests.at(-1)?.body).toMatchObject({ stop: [stopWord, 'zzz'] });
    expect(list.texts[0]).toBe(fakeText(prompt, 0, 16, [stopWord]));
    expect(list.texts[0]).not.toContain(stopWord);
    const done = expectDone(list.terminal);
    expect(done.choices).toEqual([{ index: 0, finishReason: 'stop', matchedStop: stopWord }]);

    const single = await collectRun(server.url, params({ prompt, max_tokens: 16 }), {
      extraBody: { stop: stopWord },
    });
    expect(server.requests.at(-1)?.body).toMatchObject({ stop: stopWord });
    expect(single.texts[0]).toBe(list.texts[0]);
  });
});
