import { afterEach, describe, expect, it } from 'vitest';
import {
  countPromptTokens,
  countTokensExact,
  encodingForModel,
  estimateTokens,
  type CountOptions,
} from '../../main/core/capability';
import { contextBudget, EXACT_LABEL, ROUGH_LABEL } from '../../shared/token-budget';
import { targetOf } from '../support/engine-helpers';
import { startFakeServer, type FakeServer } from '../support/fake-openai-server';
import type { FlavourName } from '../support/fake-flavours';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const TEXT = 'Hello world, this is a test';

const options = async (
  flavour?: FlavourName,
  signal = new AbortController().signal,
): Promise<CountOptions> => {
  server = await startFakeServer(flavour ? { flavour } : {});
  return { target: targetOf(`${server.url}/v1`), model: 'fake-model', text: TEXT, fetch, signal };
};

describe('exact token counts from the server', () => {
  it("llama.cpp's /tokenize: {content} → tokens, counted with the special tokens a completion adds", async () => {
    const result = await countTokensExact('llama.cpp', await options('llama.cpp'));
    expect(result).toEqual({ ok: true, value: { count: 6, exact: true, label: EXACT_LABEL } });
    expect(server?.requests[0]).toMatchObject({
      method: 'POST',
      path: '/tokenize',
      body: { content: TEXT, add_special: true },
    });
  });

  it("vLLM's /tokenize: {model, prompt} → count", async () => {
    const result = await countTokensExact('vllm', await options('vllm'));
    expect(result).toEqual({ ok: true, value: { count: 6, exact: true, label: EXACT_LABEL } });
    expect(server?.requests[0]?.body).toEqual({
      model: 'fake-model',
      prompt: TEXT,
      add_special_tokens: true,
    });
  });

  it('the wrong dialect is a protocol failure, not a made-up number', async () => {
    const result = await countTokensExact('vllm', await options('llama.cpp'));
    expect(result.ok ? undefined : result.error.kind).toBe('protocol');
  });

  it('a cancelled count fails and does not fall back to an estimate', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await countPromptTokens('llama.cpp', await options('llama.cpp', controller.signal));
    expect(result).toEqual({
      ok: false,
      error: { kind: 'network', message: 'The token count was cancelled.' },
    });
  });
});

describe('estimates, always labelled', () => {
  it('without a tokenize endpoint the count is an estimate, and the server is not asked', async () => {
    const opts = await options('openai');
    const rough = await countPromptTokens(undefined, opts);
    expect(rough).toEqual({
      ok: true,
      value: { count: Math.ceil(TEXT.length / 4), exact: false, label: ROUGH_LABEL },
    });
    const counted = await countPromptTokens(
      undefined,
      { ...opts, model: 'gpt-4o-mini' },
      { o200k_base: (t) => t.split(' ').length },
    );
    expect(counted).toEqual({
      ok: true,
      value: { count: 6, exact: false, label: '≈ estimate (o200k_base)' },
    });
    expect(server?.requests).toHaveLength(0);
  });

  it('when the tokenize endpoint fails, the count falls back to a labelled estimate', async () => {
    const result = await countPromptTokens('vllm', await options());
    expect(result).toEqual({ ok: true, value: { count: 7, exact: false, label: ROUGH_LABEL } });
    expect(server?.requests[0]?.path).toBe('/tokenize');
  });

  it('uses a tokenizer only for model families whose encoding is known', () => {
    const table: [string, string | undefined][] = [
      ['gpt-4o', 'o200k_base'],
      ['openai/gpt-4o-mini', 'o200k_base'],
      ['gpt-4.1-nano', 'o200k_base'],
      ['o3-mini', 'o200k_base'],
      ['gpt-3.5-turbo-instruct', 'cl100k_base'],
      ['gpt-4-turbo', 'cl100k_base'],
      ['davinci-002', 'cl100k_base'],
      ['babbage-002', 'cl100k_base'],
      ['text-davinci-003', 'p50k_base'],
      ['davinci', 'r50k_base'],
      ['gpt-oss-20b', 'o200k_harmony'],
      ['llama-3.1-8b-instruct', undefined],
      ['Qwen/Qwen2.5-7B', undefined],
      ['tiny-random-llama', undefined],
    ];
    expect(table.map(([m]) => [m, encodingForModel(m)])).toEqual(table);
    // A known family without its encoder loaded is still a rough estimate, never a fake exact one.
    expect(estimateTokens('abcdefgh', 'gpt-4o')).toEqual({ count: 2, exact: false, label: ROUGH_LABEL });
    expect(estimateTokens('', 'x').count).toBe(0);
  });
});

describe('context budget', () => {
  it('prompt + max_tokens against the context length, with the numbers', () => {
    expect(contextBudget(400, 100, 1, 512)).toEqual({
      verdict: 'fits',
      promptTokens: 400,
      maxTokens: 100,
      contextLength: 512,
      needed: 500,
      spare: 12,
      generated: 100,
    });
    expect(contextBudget(400, 200, 3, 512)).toMatchObject({
      verdict: 'does-not-fit',
      needed: 600,
      spare: -88,
      generated: 600,
    });
    expect(contextBudget(412, 100, 1, 512)).toMatchObject({ verdict: 'fits', spare: 0 });
  });

  it('without max_tokens the prompt must leave room for one token; without a context length it is unknown', () => {
    expect(contextBudget(511, undefined, 1, 512)).toMatchObject({
      verdict: 'fits',
      needed: 512,
      generated: undefined,
    });
    expect(contextBudget(512, undefined, 1, 512)).toMatchObject({ verdict: 'does-not-fit', spare: -1 });
    expect(contextBudget(10_000, 100, 1, undefined)).toEqual({ verdict: 'unknown', promptTokens: 10_000 });
  });
});
