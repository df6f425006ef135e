import { describe, expect, it } from 'vitest';
import type { Draft } from '../../../../shared/schemas';
import type { TokenLogprob } from '../../../../shared/token-logprobs';
import { candidatesDraft, hasDiscardedCandidates, rankCandidates } from './rank-candidates';

const toks = (...logprobs: number[]): TokenLogprob[] =>
  logprobs.map((logprob) => ({ token: 'x', logprob, top: [] }));

describe('rankCandidates', () => {
  it('ranks by mean logprob, not by the sum: a longer likely candidate beats a short unlikely one', () => {
    // Sums: -1.0, -0.9, -1.2; means: -0.25, -0.9, -0.4.
    const ranked = rankCandidates([toks(-0.25, -0.25, -0.25, -0.25), toks(-0.9), toks(-0.4, -0.4, -0.4)], 1);
    expect(ranked.map((c) => c.choice)).toEqual([0, 2, 1]);
    expect(ranked.map((c) => c.isReturned)).toEqual([true, false, false]);
    expect(ranked[1]?.meanLogprob).toBeCloseTo(-0.4);
  });

  it('returns the n best, puts candidates without probabilities last and keeps the server order on ties', () => {
    const ranked = rankCandidates([undefined, toks(-1), toks(-0.5), toks(-1)], 2);
    expect(ranked.map((c) => [c.choice, c.rank, c.isReturned])).toEqual([
      [2, 1, true],
      [1, 2, true],
      [3, 3, false],
      [0, 4, false],
    ]);
    expect(ranked[3]?.meanLogprob).toBeUndefined();
  });

  it('leaves a null logprob (no probability) out of the mean', () => {
    const [only] = rankCandidates([[{ token: 'a', logprob: null, top: [] }, ...toks(-2)]], 1);
    expect(only?.meanLogprob).toBe(-2);
  });
});

describe('candidatesDraft', () => {
  const draft: Draft = {
    params: { model: 'm', prompt: 'p', stream: true, n: 2, best_of: 5, echo: true },
    extraBody: { best_of: 9, top_k: 40 },
  };
  it('asks for every candidate with logprobs, without best_of, echo or streaming', () => {
    expect(hasDiscardedCandidates(draft.params)).toBe(true);
    expect(hasDiscardedCandidates({ ...draft.params, best_of: 2 })).toBe(false);
    const next = candidatesDraft(draft);
    expect(next.params).toEqual({ model: 'm', prompt: 'p', stream: false, n: 5, logprobs: 1 });
    expect(next.extraBody).toEqual({ top_k: 40 });
    expect(candidatesDraft({ params: { ...draft.params, logprobs: 4 } }).params.logprobs).toBe(4);
  });
});
