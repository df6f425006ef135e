/**
 * Prompt token estimates in main: gpt-tokenizer's encoding for OpenAI model families and the labelled rough figure
 * otherwise, the same in the worker thread (run from source under tsx) as in this thread.
 */
import { Worker } from 'node:worker_threads';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { countTokens as countCl100k } from 'gpt-tokenizer/encoding/cl100k_base';
import { afterEach, describe, expect, it } from 'vitest';
import { createTokenEstimator, type TokenEstimator } from '../../main/core/capability/estimator';
import { ROUGH_LABEL } from '../../shared/token-budget';

const SOURCE = new URL('../../main/core/capability/estimate-worker.ts', import.meta.url);
const spawnSource = () =>
  new Worker(
    `(async () => {
      const { register } = await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))});
      register();
      await import(${JSON.stringify(SOURCE.href)});
    })();`,
    { eval: true },
  );

let estimator: TokenEstimator | undefined;
afterEach(async () => {
  await estimator?.dispose();
  estimator = undefined;
});

const TEXT = 'The quick brown fox <|endoftext|> jumps over the lazy dog, twice.';

describe.each([
  ['in this thread', undefined],
  ['in the worker', spawnSource],
])('token estimates %s', (_where, spawn) => {
  it('counts OpenAI families with their encoding, special-token text as plain text', async () => {
    estimator = createTokenEstimator(spawn);
    expect(await estimator.estimate(TEXT, 'gpt-4o-mini')).toEqual({
      count: countTokens(TEXT, { disallowedSpecial: new Set() }),
      exact: false,
      label: '≈ estimate (o200k_base)',
    });
    expect((await estimator.estimate(TEXT, 'gpt-3.5-turbo-instruct')).count).toBe(
      countCl100k(TEXT, { disallowedSpecial: new Set() }),
    );
  }, 60_000);

  it('gives any other model the rough estimate, labelled as such', async () => {
    estimator = createTokenEstimator(spawn);
    expect(await estimator.estimate(TEXT, 'llama-3-8b')).toEqual({
      count: Math.ceil(TEXT.length / 4),
      exact: false,
      label: ROUGH_LABEL,
    });
  }, 60_000);
});
