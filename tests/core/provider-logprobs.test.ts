/**
 * Token probabilities through the HTTP provider, against the real fake server: OpenAI's legacy shape (the plain fake,
 * streamed and not, with echo and an emoji split into byte tokens) and llama.cpp's `content[]` shape (the recorded
 * llama-server bytes replayed, and a character split across chunks whose text is empty).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChoiceLogprobs } from '../../main/core/provider/choice-logprobs';
import type { RunEvent } from '../../shared/run-events';
import { groupTokens, parseLogprobs, type TokenLogprob } from '../../shared/token-logprobs';
import { collectRun, expectDone, params, sse } from '../support/engine-helpers';
import { fakePromptTokens, fakeWordTokens } from '../support/fake-logprobs';
import { fakeText, fakeTokens, startFakeServer, type FakeServer } from '../support/fake-openai-server';

let server: FakeServer;
beforeAll(async () => (server = await startFakeServer()));
afterAll(() => server.close());

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/llama-server/${name}`, import.meta.url), 'utf8');

type Delta = Extract<RunEvent, { type: 'delta' }>;
const deltasOf = (events: RunEvent[]) => events.filter((e): e is Delta => e.type === 'delta');
const tokensOf = (events: RunEvent[], choice = 0): TokenLogprob[] =>
  deltasOf(events)
    .filter((d) => d.choice === choice)
    .flatMap((d) => d.logprobs ?? []);
const promptTokensOf = (events: RunEvent[], choice = 0) =>
  deltasOf(events)
    .filter((d) => d.choice === choice)
    .reduce((sum, d) => sum + (d.promptTokens ?? 0), 0);
const joined = (tokens: TokenLogprob[]) =>
  groupTokens(tokens)
    .map((g) => g.text)
    .join('');

/** A prompt whose fake completion holds the emoji, so the split-character path is always exercised. */
const emojiPrompt = (): string => {
  for (let i = 0; ; i++) if (fakeTokens(`p${i}`, 0, 12).includes(' 🙂')) return `p${i}`;
};

describe('OpenAI legacy shape (fake server)', () => {
  it('streams tokens with every delta: alternatives as asked, the split emoji joined without U+FFFD', async () => {
    const prompt = emojiPrompt();
    const run = await collectRun(server.url, params({ prompt, max_tokens: 12, logprobs: 3 }));
    expectDone(run.terminal);
    const tokens = tokensOf(run.events);
    expect(tokens.map((t) => t.token)).toEqual(
      fakeTokens(prompt, 0, 12)
        .flatMap(fakeWordTokens)
        .map((t) => (t.startsWith('bytes:') ? '' : t)),
    );
    expect(tokens.some((t) => t.bytes !== undefined)).toBe(true);
    expect(joined(tokens)).toBe(run.texts[0]);
    expect(joined(tokens)).not.toContain('\uFFFD');
    for (const t of tokens) {
      expect(t.top).toHaveLength(3);
      expect(typeof t.logprob).toBe('number');
    }
    // Every delta that has text has its tokens: the view streams along with the text.
    for (const d of deltasOf(run.events)) expect(d.logprobs?.length).toBeGreaterThan(0);
  });

  it('reads a non-streamed body into one delta per choice with all its tokens', async () => {
    const run = await collectRun(
      server.url,
      params({ prompt: 'whole', max_tokens: 7, stream: false, n: 2, logprobs: 1 }),
    );
    expectDone(run.terminal);
    for (const c of [0, 1]) {
      const tokens = tokensOf(run.events, c);
      expect(joined(tokens)).toBe(fakeText('whole', c, 7));
      expect(tokens.every((t) => t.top.length === 1)).toBe(true);
    }
  });

  it.each([true, false])(
    'echo (streamed %s): the prompt tokens are counted and the first has a null logprob',
    async (stream) => {
      const prompt = 'Echo this prompt';
      const run = await collectRun(
        server.url,
        params({ prompt, max_tokens: 4, echo: true, logprobs: 2, stream }),
      );
      expectDone(run.terminal);
      const tokens = tokensOf(run.events);
      const head = fakePromptTokens(prompt).length;
      expect(promptTokensOf(run.events)).toBe(head);
      expect(tokens[0]?.logprob).toBeNull();
      expect(tokens.slice(1).every((t) => typeof t.logprob === 'number')).toBe(true);
      expect(joined(tokens.slice(0, head))).toBe(prompt);
      expect(joined(tokens)).toBe(run.texts[0]);
    },
  );

  it('keeps deltas free of tokens when the request did not ask for them', async () => {
    const run = await collectRun(server.url, params({ prompt: 'plain', max_tokens: 3 }));
    expect(deltasOf(run.events).every((d) => d.logprobs === undefined)).toBe(true);
  });
});

describe('llama.cpp content[] shape (recorded bytes)', () => {
  it('reads the recorded stream chunk by chunk', async () => {
    const body = fixture('stream-logprobs.sse');
    server.enqueue({ headers: { 'Content-Type': 'text/event-stream' }, body });
    const run = await collectRun(server.url, params({ logprobs: 1 }));
    expectDone(run.terminal);
    const expected = body
      .split('\n\n')
      .map((block) => block.replace(/^data: /, ''))
      .filter((d) => d.startsWith('{'))
      .flatMap(
        (d) =>
          parseLogprobs((JSON.parse(d) as { choices: { logprobs: unknown }[] }).choices[0]?.logprobs) ?? [],
      );
    expect(expected.length).toBeGreaterThan(0);
    expect(tokensOf(run.events)).toEqual(expected);
    expect(joined(tokensOf(run.events))).toBe(run.texts[0]);
  });

  it('reads the recorded non-streamed body', async () => {
    const body = fixture('nonstream-logprobs.json');
    server.enqueue({ headers: { 'Content-Type': 'application/json' }, body });
    const run = await collectRun(server.url, params({ logprobs: 2, stream: false }));
    const choice = (JSON.parse(body) as { choices: { text: string; logprobs: unknown }[] }).choices[0];
    expect(tokensOf(run.events)).toEqual(parseLogprobs(choice?.logprobs));
    expect(tokensOf(run.events)[0]?.top.length).toBe(2);
  });

  it('keeps the tokens of a chunk whose text is empty (a character split across tokens)', async () => {
    const euro = [...new TextEncoder().encode('€')];
    const entry = (bytes: number[], logprob: number) => ({
      id: 7,
      token: '',
      bytes,
      logprob,
      top_logprobs: [],
    });
    const chunk = (text: string, content: unknown[], finish: string | null = null) =>
      sse({ choices: [{ text, index: 0, logprobs: { content }, finish_reason: finish }] });
    server.enqueue({
      headers: { 'Content-Type': 'text/event-stream' },
      chunks: [
        chunk('', [entry(euro.slice(0, 2), -0.5)]),
        chunk('€', [entry(euro.slice(2), -0.1)]),
        sse({ choices: [{ text: '', index: 0, logprobs: null, finish_reason: 'stop' }] }),
        sse('[DONE]'),
      ],
    });
    const run = await collectRun(server.url, params({ logprobs: 1 }));
    expectDone(run.terminal);
    const tokens = tokensOf(run.events);
    expect(tokens.map((t) => t.logprob)).toEqual([-0.5, -0.1]);
    expect(groupTokens(tokens)).toEqual([{ text: '€', tokens: [0, 1] }]);
    expect(run.texts[0]).toBe('€');
  });
});

describe('bounds', () => {
  it('stops keeping tokens past the run budget, all choices together, and says so', () => {
    const lp = (n: number) => ({
      tokens: Array.from({ length: n }, () => 'a'),
      token_logprobs: Array.from({ length: n }, () => -1),
      top_logprobs: Array.from({ length: n }, () => ({ a: -1, b: -2 })),
    });
    // Each token costs 3 entries (itself and two alternatives): 10 entries hold 3 tokens.
    const tracker = createChoiceLogprobs({ echoBytes: 0, entryLimit: 10 });
    expect(tracker.take(0, lp(2))?.logprobs).toHaveLength(2);
    expect(tracker.take(1, lp(2))?.logprobs).toHaveLength(1);
    expect(tracker.isCut()).toBe(true);
    expect(tracker.take(0, lp(1))).toBeUndefined();
  });

  it('counts echo tokens by bytes across payloads', () => {
    const tracker = createChoiceLogprobs({ echoBytes: new TextEncoder().encode('hé y').length });
    const lp = (tokens: string[]) => ({ tokens, token_logprobs: tokens.map(() => -1), top_logprobs: [] });
    expect(tracker.take(0, lp(['hé']))?.promptTokens).toBe(1);
    expect(tracker.take(0, lp([' y', '!']))?.promptTokens).toBe(1);
    expect(tracker.take(0, lp(['?']))?.promptTokens).toBe(0);
  });
});
