/**
 * What the local engine honours, for the capability check to read: each parameter of the table and each extra-body
 * key it understands, with a note where it differs from an OpenAI server.
 */
import type { OptionalParamKey } from '../../../shared/params';

/**
 * Sampling defaults where the OpenAI body says nothing. top_k 40 is llama.cpp's server default: without it, every
 * token sorts the whole vocabulary (50k entries for GPT-2 vocabularies), which costs more than a small model's
 * forward pass (see bench/local-model.bench.ts). Extra body `top_k: 0` samples the full vocabulary.
 */
export const LOCAL_SAMPLING_DEFAULTS = { topK: 40, minP: 0 } as const;

/** OpenAI's default `max_tokens` for completions, used when the body has none. */
export const DEFAULT_MAX_TOKENS = 16;

/** How well the local engine honours each parameter of the table: read by the capability check. */
export interface LocalSupport {
  level: 'full' | 'partial' | 'none';
  note?: string;
}

/** The local engine's support per parameter (a complete map: a new parameter must be classified here). */
export const LOCAL_PARAM_SUPPORT = {
  temperature: { level: 'full' },
  top_p: { level: 'full' },
  frequency_penalty: {
    level: 'partial',
    note: 'Counts only the generated tokens (not the prompt), as vLLM does; at most the last 4,096.',
  },
  presence_penalty: {
    level: 'partial',
    note: 'Counts only the generated tokens (not the prompt), as vLLM does; at most the last 4,096.',
  },
  max_tokens: { level: 'full', note: 'Also ends at the context size, with finish reason "length".' },
  n: { level: 'full', note: 'Choices are generated one after another.' },
  best_of: { level: 'full', note: 'Candidates are ranked by mean token log-probability.' },
  seed: { level: 'full', note: 'Choice i uses seed + i, so the n choices differ but repeat exactly.' },
  stop: { level: 'full' },
  logit_bias: {
    level: 'partial',
    note: 'A bias on an end-of-text token is not applied (llama.cpp always lets a model end its text).',
  },
  echo: { level: 'partial', note: 'The prompt is echoed, but its tokens carry no log-probabilities.' },
  user: { level: 'none', note: 'A local model has no provider to pass the end-user id to.' },
  logprobs: {
    level: 'partial',
    note:
      'Up to 20 alternatives per token. Probabilities are those the token was sampled from: after top_k, top_p and ' +
      "temperature (llama.cpp's post-sampling probabilities), not the model's raw distribution.",
  },
} as const satisfies Record<OptionalParamKey, LocalSupport>;

/** Extra-body keys the engine reads besides the parameter table (llama.cpp server names). */
export const LOCAL_EXTRA_SUPPORT = {
  top_k: {
    level: 'full',
    note: 'Default 40; 0 samples the whole vocabulary, several times slower per token.',
  },
  min_p: { level: 'full', note: 'Default 0 (off).' },
} as const satisfies Record<string, LocalSupport>;
