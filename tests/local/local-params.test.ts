/**
 * How a request body becomes a local run plan: OpenAI defaults where the body is silent, llama.cpp's top_k
 * default, validation errors as bad_request values, and every key the engine cannot honour listed by name.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_TOKENS, LOCAL_PARAM_SUPPORT, planLocalCompletion } from '../../main/core/local';
import { buildBody } from '../../shared/request-body';
import { PARAM_SPECS } from '../../shared/params';

const plan = (body: Record<string, unknown>) => {
  const r = planLocalCompletion({ prompt: 'x', ...body });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('planLocalCompletion', () => {
  it('refuses max_tokens 0 as a bad_request value (node-llama-cpp would read it as no limit), which a scoring retries with 1', () => {
    const r = planLocalCompletion({ prompt: 'x', max_tokens: 0, echo: true, logprobs: 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ kind: 'bad_request', param: 'max_tokens' });
    expect(plan({ max_tokens: 1 }).plan.maxTokens).toBe(1);
  });

  it('fills OpenAI defaults (temperature 1, top_p 1, 16 tokens, n 1) and top_k 40', () => {
    const { plan: p, ignored } = plan({});
    expect(p).toMatchObject({ n: 1, bestOf: 1, maxTokens: DEFAULT_MAX_TOKENS, echo: false, stop: [] });
    expect(p.sampling).toEqual({
      temperature: 1,
      topP: 1,
      topK: 40,
      minP: 0,
      frequencyPenalty: 0,
      presencePenalty: 0,
    });
    expect(p.logprobs).toBeUndefined();
    expect(p.seed).toBeUndefined();
    expect(ignored).toEqual([]);
  });

  it('reads the body the one request builder makes, extra body (top_k, min_p, logprobs) included', () => {
    const body = buildBody(
      {
        model: 'm',
        prompt: 'Hi',
        stream: true,
        temperature: 0.5,
        top_p: 0.9,
        max_tokens: 7,
        stop: ['\n'],
        n: 2,
      },
      { top_k: 0, min_p: 0.05, logprobs: 3 },
    );
    const { plan: p } = plan(body);
    expect(p).toMatchObject({ prompt: 'Hi', stream: true, n: 2, maxTokens: 7, stop: ['\n'], logprobs: 3 });
    expect(p.sampling).toMatchObject({ temperature: 0.5, topP: 0.9, topK: 0, minP: 0.05 });
  });

  it('lists keys it cannot honour instead of dropping them', () => {
    const { ignored } = plan({ user: 'u-1', suffix: 'end', mirostat: 2 });
    expect(ignored.map((i) => i.param).sort()).toEqual(['mirostat', 'suffix', 'user']);
    expect(ignored.find((i) => i.param === 'user')?.reason).toBe(LOCAL_PARAM_SUPPORT.user.note);
  });

  it('does not stream when best_of picks among candidates, and needs best_of ≥ n', () => {
    expect(plan({ stream: true, n: 2, best_of: 3 }).plan).toMatchObject({ stream: false, n: 2, bestOf: 3 });
    const bad = planLocalCompletion({ prompt: 'x', n: 3, best_of: 2 });
    expect(bad).toMatchObject({ ok: false, error: { kind: 'bad_request', param: 'best_of' } });
  });

  it('maps any integer seed onto the uint32 range llama.cpp takes', () => {
    expect(plan({ seed: 42 }).plan.seed).toBe(42);
    expect(plan({ seed: -1 }).plan.seed).toBe(2 ** 32 - 1);
    expect(plan({ seed: 2 ** 32 + 5 }).plan.seed).toBe(5);
  });

  it('turns the bias table into token ids and a stop string into a list', () => {
    const { plan: p } = plan({ logit_bias: { '50256': -100, '11': 5 }, stop: 'END' });
    expect(p.logitBias).toEqual([
      [11, 5],
      [50256, -100],
    ]);
    expect(p.stop).toEqual(['END']);
  });

  it('rejects out-of-range values with the parameter named', () => {
    for (const [param, value] of [
      ['temperature', 3],
      ['top_p', -0.1],
      ['n', 0],
      ['logprobs', 21],
      ['max_tokens', 1.5],
    ] as const) {
      const r = planLocalCompletion({ prompt: 'x', [param]: value });
      expect(r, param).toMatchObject({ ok: false, error: { kind: 'bad_request', param } });
    }
    expect(planLocalCompletion({ prompt: ['a', 'b'] })).toMatchObject({
      ok: false,
      error: { param: 'prompt' },
    });
  });

  it('classifies every parameter of the table', () => {
    for (const spec of PARAM_SPECS) expect(LOCAL_PARAM_SUPPORT[spec.wire].level).toMatch(/full|partial|none/);
  });
});
