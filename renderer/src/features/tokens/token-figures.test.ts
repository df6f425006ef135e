import { describe, expect, it } from 'vitest';
import type { TokenLogprob } from '../../../../shared/token-logprobs';
import { lowestTokens } from './token-figures';

const tok = (logprob: number | null): TokenLogprob => ({ token: 'x', logprob, top: [] });

/** The plain definition: every token with a probability, sorted (stably) by logprob, the first `count`. */
const bySorting = (tokens: readonly TokenLogprob[], count: number) =>
  tokens
    .flatMap((t, i) => (t.logprob === null ? [] : [i]))
    .sort((a, b) => (tokens[a]?.logprob ?? 0) - (tokens[b]?.logprob ?? 0))
    .slice(0, count);

describe('lowestTokens', () => {
  it('keeps the least likely tokens, least likely first, the earlier of equals first, skipping null', () => {
    const tokens = [tok(-0.5), tok(null), tok(-3), tok(-0.1), tok(-3), tok(-2), tok(-0.2), tok(-4), tok(-2)];
    expect(lowestTokens(tokens, 5)).toEqual([7, 2, 4, 5, 8]);
    expect(lowestTokens(tokens, 5)).toEqual(bySorting(tokens, 5));
    expect(lowestTokens(tokens, 0)).toEqual([]);
    expect(lowestTokens([tok(null)], 5)).toEqual([]);
  });

  it('agrees with sorting on long pseudo-random lists with many ties', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const tokens = Array.from({ length: 5000 }, () => tok(next() % 13 === 0 ? null : -(next() % 400) / 100));
    for (const count of [1, 3, 5, 20]) expect(lowestTokens(tokens, count)).toEqual(bySorting(tokens, count));
  });
});
