// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TokenLogprob } from '../../../../shared/token-logprobs';
import { divergenceOf, FirstDivergence } from './first-divergence';

afterEach(cleanup);

const tok = (token: string, p: number, alts: [string, number][] = []): TokenLogprob => ({
  token,
  logprob: Math.log(p),
  top: [[token, p] as [string, number], ...alts]
    .map(([t, q]) => ({ token: t, logprob: Math.log(q) }))
    .sort((a, b) => b.logprob - a.logprob),
});

describe('first divergence', () => {
  const echo = { token: 'Q', logprob: null, top: [] };
  // Column 1 echoed its prompt (one token), column 2 did not: positions count generated tokens.
  const a = { tokens: [echo, tok('The', 0.9), tok(' cat', 0.6, [[' dog', 0.3]])], promptTokens: 1 };
  const b = { tokens: [tok('The', 0.8), tok(' dog', 0.4, [[' cow', 0.2]])], promptTokens: 0 };

  it('finds the first generated position where the tokens differ, with both sides’ odds of both tokens', () => {
    const d = divergenceOf(a, b);
    expect(d?.position).toBe(1);
    expect(d?.a.tokenIndex).toBe(2);
    expect(d?.b.tokenIndex).toBe(1);
    expect(d?.a.otherLogprob).toBeCloseTo(Math.log(0.3));
    // Column 2 did not report " cat" among its alternatives.
    expect(d?.b.otherLogprob).toBeUndefined();
    expect(divergenceOf(a, { tokens: a.tokens.slice(1), promptTokens: 0 })).toBeUndefined();
  });

  it('says it in words, for both columns', () => {
    render(<FirstDivergence divergence={divergenceOf(a, b)} names={['Column 1', 'Column 2']} />);
    const section = screen.getByRole('region', { name: 'First divergence' });
    expect(section).toHaveTextContent('First divergence at token 2');
    expect(section).toHaveTextContent('Column 1 chose ·cat (60.0%) and gave ·dog 30.0%.');
    expect(section).toHaveTextContent('Column 2 chose ·dog (40.0%) and gave ·cat not among its top 2.');
  });
});
