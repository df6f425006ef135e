import { afterEach, describe, expect, it } from 'vitest';
import { runCapabilityCheck } from '../../main/core/capability';
import { MAX_CHECK_REQUESTS, MAX_CHECK_TOKENS, planCapabilityCheck } from '../../shared/capability-plan';
import {
  capabilityReportSchema,
  CHECKED_PARAMS,
  type CapabilityReport,
  type CheckedParam,
} from '../../shared/capabilities';
import { targetOf } from '../support/engine-helpers';
import { FLAVOURS, type FlavourName, type FlavourSpec } from '../support/fake-flavours';
import { startFakeServer, type FakeServer } from '../support/fake-openai-server';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const check = async (flavour: FlavourName | FlavourSpec, opts: { apiKey?: string } = {}) => {
  server = await startFakeServer({ flavour, ...opts });
  const result = await runCapabilityCheck({
    target: targetOf(`${server.url}/v1`, opts),
    model: 'fake-model',
    fetch,
    signal: new AbortController().signal,
  });
  if (!result.ok) throw new Error(`check failed: ${result.error.message}`);
  return result.value;
};

/** `status` per parameter, `status/evidence` for honoured ones, so one table says everything. */
const statuses = (report: CapabilityReport): Record<CheckedParam, string> =>
  Object.fromEntries(
    CHECKED_PARAMS.map((p) => {
      const c = report.params[p];
      return [p, c.status === 'honoured' ? `honoured/${c.evidence}` : c.status];
    }),
  ) as Record<CheckedParam, string>;

const ACCEPTED_ONLY = {
  temperature: 'honoured/accepted',
  top_p: 'honoured/accepted',
  frequency_penalty: 'honoured/accepted',
  presence_penalty: 'honoured/accepted',
  user: 'honoured/accepted',
  best_of: 'honoured/accepted',
};
const ALL_HONOURED: Record<CheckedParam, string> = {
  ...ACCEPTED_ONLY,
  max_tokens: 'honoured/observed',
  stop: 'honoured/observed',
  n: 'honoured/observed',
  echo: 'honoured/observed',
  seed: 'honoured/observed',
  logprobs: 'honoured/observed',
  logit_bias: 'honoured/observed',
};

/** Every request the fake server saw stayed within the plan: count, paths, and tokens per completion. */
const expectBounded = (fake: FakeServer) => {
  const plan = planCapabilityCheck();
  expect(fake.requests.length).toBe(plan.requests);
  expect(fake.requests.length).toBeLessThanOrEqual(MAX_CHECK_REQUESTS);
  expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(
    plan.probes.map((p) => `${p.method} ${p.path}`),
  );
  const completions = fake.requests.filter((r) => r.path === '/v1/completions');
  expect(completions).toHaveLength(plan.completionRequests);
  for (const r of completions) {
    const body = r.body as Record<string, unknown>;
    expect(body['max_tokens']).toBeLessThanOrEqual(MAX_CHECK_TOKENS);
    expect(Math.max(Number(body['n'] ?? 1), Number(body['best_of'] ?? 1))).toBeLessThanOrEqual(2);
  }
};

describe('capability check', () => {
  it('plans at most 12 requests of at most 2 tokens each, with their cost, before sending anything', () => {
    const plan = planCapabilityCheck();
    expect(plan.requests).toBeLessThanOrEqual(MAX_CHECK_REQUESTS);
    const completions = plan.probes.filter((p) => p.completion);
    expect(completions.every((p) => p.maxTokens <= MAX_CHECK_TOKENS)).toBe(true);
    expect(plan.tokens.completion).toBe(completions.reduce((s, p) => s + p.maxTokens * p.sequences, 0));
    expect(plan.tokens.total).toBe(plan.tokens.prompt + plan.tokens.completion);
    expect(plan.summary).toBe(
      `${plan.requests} requests (${plan.completionRequests} completions of at most 2 tokens), ≈ ${plan.tokens.total} tokens`,
    );
  });

  it('llama.cpp: n, best_of and echo rejected with the server message, object logit_bias ignored', async () => {
    const report = await check('llama.cpp');
    expect(statuses(report)).toEqual({
      ...ALL_HONOURED,
      n: 'rejected',
      best_of: 'rejected',
      echo: 'rejected',
      logit_bias: 'ignored',
    });
    expect(report.params.n).toMatchObject({
      httpStatus: 500,
      message: 'Only one completion choice is allowed',
    });
    expect(report.params.echo).toMatchObject({ httpStatus: 500, message: 'Unsupported param: echo' });
    expect(report.params.best_of).toMatchObject({ httpStatus: 500, message: 'Unsupported param: best_of' });
    expect(report.params.logit_bias.reason).toContain('[[id, bias]]');
    expect(report).toMatchObject({
      server: 'llama.cpp',
      tokenizer: 'llama.cpp',
      contextLength: { tokens: 512, source: 'llama.cpp /props' },
      systemFingerprint: 'b4748-c392e5094',
      features: { streaming: { state: 'yes' }, usageInStream: { state: 'yes' }, tokenize: { state: 'yes' } },
    });
    expectBounded(server!);
    // The tokenize probe asked llama.cpp's shape, and the bias probe pushed the id it returned.
    expect(server!.requests[2]?.body).toEqual({ content: ' the', add_special: false });
    expect(Object.keys((server!.requests[11]?.body as { logit_bias: object }).logit_bias)).not.toEqual(['0']);
  });

  it('seed-ignoring: the same seed twice gives different text, so seed is "ignored"', async () => {
    const report = await check('seed-ignoring');
    expect(statuses(report)).toEqual({ ...ALL_HONOURED, seed: 'ignored' });
    expect(report.params.seed.reason).toContain('different text');
    expect(report).toMatchObject({
      server: 'unknown',
      features: { tokenize: { state: 'no' }, usageInStream: { state: 'no' }, models: { state: 'yes' } },
    });
    expect(report.tokenizer).toBeUndefined();
    expect(report.contextLength).toBeUndefined();
    expectBounded(server!);
  });

  it('vLLM: everything honoured, /tokenize in its dialect, context from max_model_len', async () => {
    const report = await check('vllm');
    expect(statuses(report)).toEqual(ALL_HONOURED);
    expect(report).toMatchObject({
      server: 'vllm',
      tokenizer: 'vllm',
      contextLength: { tokens: 4096, source: 'vLLM max_model_len' },
      features: { usageInStream: { state: 'yes' } },
    });
    expect(server!.requests[2]?.body).toEqual({
      model: 'fake-model',
      prompt: ' the',
      add_special_tokens: false,
    });
    expectBounded(server!);
  });

  it('OpenAI: everything honoured, usage in streams, system_fingerprint; the report passes its schema', async () => {
    const report = await check('openai', { apiKey: 'sk-check' });
    expect(statuses(report)).toEqual(ALL_HONOURED);
    expect(report.systemFingerprint).toBe('fp_fake_openai');
    expect(report.endpoint).toBe(server!.url);
    expect(report.tokensUsed).toBeGreaterThan(0);
    expect(capabilityReportSchema.parse(report)).toEqual(report);
    expect(server!.requests.every((r) => r.headers.authorization === 'Bearer sk-check')).toBe(true);
    // The key never enters the report, which is stored and exported.
    expect(JSON.stringify(report)).not.toContain('sk-check');
    expectBounded(server!);
  });

  it('a server that drops everything it can drop is seen to ignore each of those parameters', async () => {
    const report = await check({
      ...FLAVOURS.openai,
      ignores: ['seed', 'logprobs', 'echo', 'n', 'logit_bias', 'stop', 'max_tokens', 'stream'],
    });
    expect(report.features.streaming).toEqual({
      state: 'no',
      detail: 'asked for a stream, the server answered with one JSON body',
    });
    expect(statuses(report)).toEqual({
      ...ACCEPTED_ONLY,
      max_tokens: 'ignored',
      stop: 'ignored',
      n: 'ignored',
      echo: 'ignored',
      seed: 'ignored',
      logprobs: 'ignored',
      logit_bias: 'ignored',
    });
  });

  it('a refused group request is pinned on the parameter the error names; the rest are not checked', async () => {
    const report = await check({
      ...FLAVOURS.openai,
      refuses: { top_p: { status: 400, message: 'top_p is not supported here', param: 'top_p' } },
    });
    expect(report.params.top_p).toEqual({
      status: 'rejected',
      httpStatus: 400,
      message: 'top_p is not supported here',
      reason: 'the server answered HTTP 400 to a request carrying top_p',
    });
    for (const p of ['frequency_penalty', 'presence_penalty', 'user', 'stop'] as const) {
      expect(report.params[p].status).toBe('not-checked');
      expect(report.params[p].reason).toContain('because of top_p');
    }
    expect(report.params.n.status).toBe('honoured');
  });
});
