import { describe, expect, it } from 'vitest';
import type { Draft } from '../../../../shared/schemas';
import { promptScore, scoreDraft, scoreFailure } from './score-request';

describe('scoreDraft', () => {
  it('asks for the echoed prompt with logprobs and no generation; the extra body cannot undo that', () => {
    const draft: Draft = {
      params: { model: 'm', prompt: 'p', stream: true, n: 3, best_of: 4, stop: ['\n'], temperature: 0.2 },
      extraBody: { echo: false, max_tokens: 50, top_k: 40 },
    };
    const scored = scoreDraft(draft, 0);
    expect(scored.params).toEqual({
      model: 'm',
      prompt: 'p',
      stream: false,
      temperature: 0.2,
      echo: true,
      logprobs: 5,
      max_tokens: 0,
    });
    expect(scored.extraBody).toEqual({ top_k: 40 });
    expect(scoreDraft({ params: { ...draft.params, logprobs: 0 } }, 1).params).toMatchObject({
      logprobs: 1,
      max_tokens: 1,
    });
  });
});

describe('scoreFailure', () => {
  it('retries a refusal of max_tokens 0 once, with 1', () => {
    const refusal = { kind: 'bad_request' as const, status: 400, message: 'max_tokens must be at least 1' };
    expect(scoreFailure(refusal, 0)).toEqual({ retryWithOne: true });
    expect(scoreFailure(refusal, 1)).toMatchObject({ retryWithOne: false });
    // The local engine refuses without an HTTP status.
    expect(scoreFailure({ kind: 'bad_request', message: 'max_tokens: too small' }, 0)).toEqual({
      retryWithOne: true,
    });
  });

  it('does not retry what max_tokens cannot change: the key, a rate limit, the network, a refused echo', () => {
    for (const error of [
      { kind: 'authentication' as const, status: 401, message: 'bad key' },
      { kind: 'rate_limited' as const, status: 429, message: 'slow down' },
      { kind: 'network' as const, message: 'ECONNREFUSED' },
    ]) {
      const r = scoreFailure(error, 0);
      expect(r.retryWithOne).toBe(false);
      if (!r.retryWithOne) expect(r.message).toContain(error.message);
    }
    const echo = scoreFailure({ kind: 'server_error', status: 500, message: 'Unsupported param: echo' }, 0);
    expect(echo).toMatchObject({
      retryWithOne: false,
      message: expect.stringContaining('refused echo') as string,
    });
    // A second 500 without naming echo is what a server refusing echo answers too.
    const second = scoreFailure({ kind: 'server_error', status: 500, message: 'Internal error' }, 1);
    expect(second).toMatchObject({ message: expect.stringContaining('refused echo') as string });
  });
});

describe('promptScore', () => {
  it('scores only the prompt tokens, and says why there is no score', () => {
    const t = (logprob: number | null) => ({ token: 'x', logprob, top: [] });
    const score = promptScore([t(null), t(-1), t(-3), t(-9)], 3);
    expect(score).toMatchObject({ ok: true, figures: { count: 2, meanLogprob: -2 } });
    if (score.ok) expect(score.figures.perplexity).toBeCloseTo(Math.exp(2));
    expect(promptScore(undefined, 0)).toMatchObject({
      ok: false,
      message: expect.stringContaining('ignored logprobs') as string,
    });
    expect(promptScore([t(-1)], 0)).toMatchObject({
      ok: false,
      message: expect.stringContaining('ignored echo') as string,
    });
    expect(promptScore([t(null)], 1)).toMatchObject({ ok: false });
  });
});
