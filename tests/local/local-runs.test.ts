/**
 * The local engine end to end on a real llama.cpp: a tiny random-weight GGUF written at test time, run in the model
 * worker, observed through the same RunEvents the HTTP engine emits. Skipped (with the reason) only where the native
 * binary cannot load.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEngine } from '../../main/core/local';
import type { TokenLogprob } from '../../shared/token-logprobs';
import type { CompletionParams } from '../../shared/params';
import { isTerminal, type RunEvent } from '../../shared/run-events';
import {
  collectRun,
  createSourceEngine,
  loadOrSkipReason,
  testModel,
} from '../support/gguf/local-engine-support';
import { createTinyModelFile, type TinyModelFile } from '../support/gguf/tiny-llama';

let file: TinyModelFile;
let engine: LocalEngine;
let skipReason: string | undefined;

beforeAll(async () => {
  file = await createTinyModelFile();
  engine = createSourceEngine();
  skipReason = await loadOrSkipReason(engine, file.path);
}, 120_000);
afterAll(async () => {
  await engine?.dispose();
  await file?.remove();
});

/** A test that needs llama.cpp. */
const live = (name: string, fn: () => Promise<void>) =>
  it(
    name,
    async (ctx) => {
      if (skipReason) return ctx.skip(skipReason);
      await fn();
    },
    60_000,
  );

const run = (params: Partial<CompletionParams>, extraBody?: Record<string, unknown>) =>
  collectRun(engine, file.path, { prompt: 'Hello world', ...params }, extraBody ? { extraBody } : {});

const logprobsOf = (events: RunEvent[]): TokenLogprob[] =>
  events.flatMap((e) => (e.type === 'delta' ? (e.logprobs ?? []) : []));

/** Exactly one terminal event, and it is the last one. */
const expectOneTerminalLast = (events: RunEvent[]) => {
  expect(events.filter(isTerminal)).toHaveLength(1);
  expect(isTerminal(events.at(-1)!)).toBe(true);
};

describe('local runs', () => {
  live('streams token deltas, then usage, then done with the finish reason and metrics', async () => {
    const { events, end, texts } = await run({ max_tokens: 12, seed: 1 });
    expect(events[0]).toMatchObject({
      type: 'started',
      streamed: true,
      request: { url: 'local:tiny-llama-test.gguf' },
    });
    expect(events[0]?.type === 'started' && events[0].request.body).toMatchObject({
      prompt: 'Hello world',
      seed: 1,
    });
    expect(events.filter((e) => e.type === 'delta').length).toBeGreaterThan(1);
    expectOneTerminalLast(events);
    expect(events.at(-2)).toMatchObject({ type: 'usage' });
    expect(end).toMatchObject({ type: 'done', choices: [{ index: 0, finishReason: 'length' }] });
    expect(texts[0]!.length).toBeGreaterThan(0);
    if (end.type !== 'done') return;
    expect(end.response.headers['x-local-model']).toBe('tiny-llama-test');
    expect(end.metrics.ttftMs).toBeGreaterThan(0);
    expect(end.metrics.tokensPerSecond).toBeGreaterThan(0);
  });

  live(
    "counts tokens exactly: the prompt as the model's tokenizer splits it, one completion token per sample",
    async () => {
      const prompt = 'The quick brown fox jumps over the lazy dog, twice.';
      const tokens = await engine.tokenize(testModel(file.path), prompt);
      expect(tokens.ok && tokens.value.map((t) => t.text).join('')).toBe(prompt);
      const { end, events } = await run({ prompt, max_tokens: 9, seed: 2 }, { logprobs: 0 });
      const promptTokens = tokens.ok ? tokens.value.length : NaN;
      expect(end.type === 'done' && end.usage).toEqual({
        prompt_tokens: promptTokens,
        completion_tokens: 9,
        total_tokens: promptTokens + 9,
      });
      expect(logprobsOf(events)).toHaveLength(9);
    },
  );

  live(
    'repeats exactly with the same seed and differs with another; temperature 0 ignores the seed',
    async () => {
      const a = await run({ max_tokens: 20, seed: 11 });
      const b = await run({ max_tokens: 20, seed: 11 });
      const c = await run({ max_tokens: 20, seed: 12 });
      expect(b.texts[0]).toBe(a.texts[0]);
      expect(c.texts[0]).not.toBe(a.texts[0]);
      const g1 = await run({ max_tokens: 10, temperature: 0, seed: 1 });
      const g2 = await run({ max_tokens: 10, temperature: 0, seed: 2 });
      expect(g2.texts[0]).toBe(g1.texts[0]);
    },
  );

  live('stops before the first stop sequence, reports it, and never shows any of it', async () => {
    const free = (await run({ max_tokens: 30, seed: 21 })).texts[0]!;
    const mid = Math.floor(free.length / 2);
    const stop = free.slice(mid, mid + 3);
    const cut = free.slice(0, free.indexOf(stop));
    const { end, texts, events } = await run({ max_tokens: 30, seed: 21, stop: [stop, 'never-there'] });
    expect(texts[0] ?? '').toBe(cut);
    expect(end).toMatchObject({
      type: 'done',
      choices: [{ index: 0, finishReason: 'stop', matchedStop: stop }],
    });
    for (const e of events) if (e.type === 'delta') expect(e.text).not.toContain(stop);
  });

  live('generates n choices one after another; choice i is the run with seed + i', async () => {
    const many = await run({ max_tokens: 8, seed: 30, n: 3 });
    expect(many.end).toMatchObject({
      type: 'done',
      choices: [{ index: 0 }, { index: 1 }, { index: 2 }],
      usage: { completion_tokens: 24 },
    });
    expect(new Set(many.texts).size).toBe(3);
    const third = await run({ max_tokens: 8, seed: 32 });
    expect(many.texts[2]).toBe(third.texts[0]);
  });

  live('echoes the prompt in front of the completion', async () => {
    const plain = await run({ max_tokens: 6, seed: 40 });
    const echoed = await run({ max_tokens: 6, seed: 40, echo: true });
    expect(echoed.texts[0]).toBe(`Hello world${plain.texts[0]}`);
  });

  live('reports logprobs per token: the chosen one and the top alternatives, most likely first', async () => {
    const { events, end } = await run({ max_tokens: 10, seed: 50 }, { logprobs: 3 });
    const lps = logprobsOf(events);
    expect(lps).toHaveLength(10);
    expect(end.type === 'done' && end.usage?.completion_tokens).toBe(10);
    for (const lp of lps) {
      expect(lp.logprob).toBeLessThanOrEqual(0);
      expect(lp.top).toHaveLength(3);
      expect(lp.top[0]!.logprob).toBeGreaterThanOrEqual(lp.top[1]!.logprob);
      expect(lp.top[1]!.logprob).toBeGreaterThanOrEqual(lp.top[2]!.logprob);
      const same = lp.top.find((t) => t.token === lp.token);
      if (same) expect(same.logprob).toBeCloseTo(lp.logprob ?? Number.NaN, 5);
    }
    const without = await run({ max_tokens: 4, seed: 50 });
    for (const e of without.events) if (e.type === 'delta') expect(e.logprobs).toBeUndefined();
  });

  live(
    'best_of generates every candidate without streaming and returns the one with the highest mean logprob',
    async () => {
      const best = await run({ max_tokens: 8, seed: 60, n: 1, best_of: 3 });
      expect(best.events[0]).toMatchObject({ type: 'started', streamed: false });
      expect(best.end).toMatchObject({
        type: 'done',
        choices: [{ index: 0 }],
        usage: { completion_tokens: 24 },
      });
      const candidates = [];
      for (const seed of [60, 61, 62]) {
        const r = await run({ max_tokens: 8, seed }, { logprobs: 0 });
        const lps = logprobsOf(r.events).map((l) => l.logprob ?? Number.NaN);
        candidates.push({ text: r.texts[0], mean: lps.reduce((a, b) => a + b, 0) / lps.length });
      }
      candidates.sort((a, b) => b.mean - a.mean);
      expect(best.texts[0]).toBe(candidates[0]!.text);
    },
  );

  live(
    'applies logit_bias by token id: +100 forces a token, -100 bans it, an unknown id is a bad request',
    async () => {
      const forced = await run({ max_tokens: 5, seed: 70, logit_bias: { '11': 100 } });
      expect(forced.texts[0]).toBe(',,,,,');
      const first = (await run({ max_tokens: 1, temperature: 0 })).texts[0]!;
      const ids = await engine.tokenize(testModel(file.path), first);
      const banned = ids.ok ? ids.value[0]!.id : -1;
      const other = await run({ max_tokens: 1, temperature: 0, logit_bias: { [String(banned)]: -100 } });
      expect(other.texts[0]).not.toBe(first);
      const bad = await run({ max_tokens: 1, logit_bias: { '60000': 1 } });
      expect(bad.end).toMatchObject({ type: 'error', error: { kind: 'bad_request', param: 'logit_bias' } });
      expectOneTerminalLast(bad.events);
    },
  );

  live('applies frequency and presence penalties to the generated tokens', async () => {
    const distinct = async (params: Partial<CompletionParams>) => {
      const r = await run({ max_tokens: 30, temperature: 0, ...params }, { logprobs: 0 });
      return new Set(logprobsOf(r.events).map((l) => l.token)).size;
    };
    const plain = await distinct({});
    expect(await distinct({ frequency_penalty: -2 })).toBe(1);
    expect(await distinct({ presence_penalty: -2 })).toBeLessThan(plain);
  });

  live('lists the keys it could not honour in the response record', async () => {
    const { end } = await run({ max_tokens: 2, user: 'someone' }, { mirostat: 2 });
    const ignored = end.type === 'done' ? (end.response.headers['x-local-ignored'] ?? '') : '';
    expect(ignored).toContain('user (A local model has no provider');
    expect(ignored).toContain('mirostat (The local engine has no such setting.)');
  });
});
