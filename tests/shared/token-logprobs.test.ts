/**
 * Token probabilities in both shapes servers send: llama.cpp's chat-style `content` (the recorded bytes of a real
 * llama-server) and OpenAI's legacy `tokens`/`token_logprobs`/`top_logprobs` (built here the way OpenAI documents it,
 * including `bytes:` tokens for a character split across tokens and a null first logprob under echo).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  chosenRank,
  firstDivergence,
  groupTokens,
  parseLogprobs,
  positionEntropy,
  sequenceFigures,
  type TokenLogprob,
} from '../../shared/token-logprobs';

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/llama-server/${name}`, import.meta.url), 'utf8');

type Choice = { text: string; logprobs: unknown };
const choicesOf = (payload: unknown) => (payload as { choices: Choice[] }).choices;

describe('llama.cpp shape (recorded)', () => {
  it('reads a non-streamed body: one entry per token, text joins to the choice text, alternatives sorted', () => {
    const [choice] = choicesOf(JSON.parse(fixture('nonstream-logprobs.json')));
    const tokens = parseLogprobs(choice?.logprobs) ?? [];
    expect(tokens.length).toBeGreaterThan(0);
    expect(tokens.map((t) => t.token).join('')).toBe(choice?.text);
    for (const t of tokens) {
      expect(typeof t.logprob).toBe('number');
      expect(t.bytes).toEqual([...new TextEncoder().encode(t.token)]);
      const logprobs = t.top.map((a) => a.logprob);
      expect(logprobs).toEqual([...logprobs].sort((a, b) => b - a));
      expect(chosenRank(t)).toBe(1 + t.top.findIndex((a) => a.id === t.id));
    }
  });

  it('reads a stream chunk by chunk: the tokens of every chunk make the streamed text', () => {
    const payloads = fixture('stream-logprobs.sse')
      .split('\n')
      .filter((l) => l.startsWith('data: {'))
      .map((l) => JSON.parse(l.slice(6)) as unknown);
    let text = '';
    const tokens: TokenLogprob[] = [];
    for (const p of payloads) {
      for (const c of choicesOf(p)) {
        text += c.text;
        tokens.push(...(parseLogprobs(c.logprobs) ?? []));
      }
    }
    expect(tokens.length).toBeGreaterThan(0);
    expect(tokens.map((t) => t.token).join('')).toBe(text);
  });

  it('says "none" for a null field and skips malformed entries without throwing', () => {
    expect(parseLogprobs(null)).toBeUndefined();
    expect(parseLogprobs(undefined)).toBeUndefined();
    const parsed = parseLogprobs({
      content: [
        {
          token: 'ok',
          logprob: -1,
          top_logprobs: [
            { token: 'x', logprob: 'bad' },
            { token: 'ok', logprob: -1 },
          ],
        },
        { token: 5, logprob: -1 },
        { token: 'nolp' },
        'junk',
      ],
    });
    expect(parsed?.map((t) => t.token)).toEqual(['ok']);
    expect(parsed?.[0]?.top.map((a) => a.token)).toEqual(['ok']);
  });
});

describe('OpenAI legacy shape', () => {
  const euro = [...new TextEncoder().encode('€')].map((b) => `\\x${b.toString(16)}`);
  const legacy = {
    tokens: ['Price', ':', ' ', `bytes:${euro[0]}${euro[1]}`, `bytes:${euro[2]}`, '5'],
    token_logprobs: [null, -0.5, -1.25, -2, -0.1, -3],
    top_logprobs: [null, { ':': -0.5, ';': -1.5 }, { ' ': -1.25, '\n': -0.4 }, {}, {}, { '5': -3, '4': -1 }],
    text_offset: [0, 5, 6, 7, 7, 8],
  };

  it('keeps a null first logprob (echo) and sorts alternatives most likely first', () => {
    const tokens = parseLogprobs(legacy) ?? [];
    expect(tokens).toHaveLength(6);
    expect(tokens[0]?.logprob).toBeNull();
    expect(tokens[2]?.top.map((a) => a.token)).toEqual(['\n', ' ']);
    expect(chosenRank(tokens[2] as TokenLogprob)).toBe(2);
    expect(chosenRank(tokens[5] as TokenLogprob)).toBe(2);
  });

  it('joins a character split across tokens instead of showing replacement characters', () => {
    const groups = groupTokens(parseLogprobs(legacy) ?? []);
    const text = groups.map((g) => g.text).join('');
    expect(text).toBe('Price: €5');
    expect(text).not.toContain('\uFFFD');
    const euroGroup = groups.find((g) => g.text === '€');
    expect(euroGroup?.tokens).toEqual([3, 4]);
  });
});

describe('figures', () => {
  it('perplexity is exp(−mean logprob) over tokens that have one; entropy grows with uncertainty', () => {
    const figures = sequenceFigures([{ logprob: null }, { logprob: -1 }, { logprob: -3 }]);
    expect(figures?.count).toBe(2);
    expect(figures?.meanLogprob).toBeCloseTo(-2);
    expect(figures?.perplexity).toBeCloseTo(Math.exp(2));
    expect(sequenceFigures([{ logprob: null }])).toBeUndefined();
    const sure = positionEntropy([{ logprob: Math.log(0.99) }, { logprob: Math.log(0.01) }]);
    const unsure = positionEntropy([{ logprob: Math.log(0.5) }, { logprob: Math.log(0.5) }]);
    expect(unsure).toBeCloseTo(Math.log(2));
    expect(sure).toBeLessThan(unsure);
  });

  it('first divergence: the first differing position, the shorter length for a prefix, none when equal', () => {
    const seq = (s: string) => s.split('').map((token) => ({ token }));
    expect(firstDivergence(seq('abcd'), seq('abxd'))).toBe(2);
    expect(firstDivergence(seq('ab'), seq('abc'))).toBe(2);
    expect(firstDivergence(seq('abc'), seq('abc'))).toBeUndefined();
  });
});
