/**
 * Turns the body an HTTP provider would receive (the one request builder's output, extra body merged) into what the
 * local engine runs. The body is validated here because the extra body is the user's own JSON
 * (docs/architecture.md#validate-at-boundaries); every key the engine cannot honour is listed, never dropped silently.
 */
import { z } from 'zod';
import { MAX_TOP_LOGPROBS } from '../../../shared/logprobs';
import { paramSpec, type OptionalParamKey } from '../../../shared/params';
import { fail, ok, type Result } from '../../../shared/result';

/** Sampler settings of one run, as node-llama-cpp takes them. */
export interface LocalSampling {
  temperature: number;
  topP: number;
  /** 0 means the whole vocabulary. */
  topK: number;
  minP: number;
  frequencyPenalty: number;
  presencePenalty: number;
}

/** Everything the worker needs to run one completion; plain data, so it crosses postMessage as it is. */
export interface LocalPlan {
  prompt: string;
  stream: boolean;
  echo: boolean;
  n: number;
  bestOf: number;
  maxTokens: number;
  stop: string[];
  /** A uint32 seed; choice i uses seed + i. Absent: a fresh random seed per choice. */
  seed?: number;
  /** How many alternatives to report per token (0: only the chosen token's); absent: no logprobs. */
  logprobs?: number;
  sampling: LocalSampling;
  /** [token id, bias]; -100 bans the token. */
  logitBias: [number, number][];
}

/** A body key the engine does not use, and why. */
export interface IgnoredParam {
  param: string;
  reason: string;
}

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
} as const satisfies Record<OptionalParamKey, LocalSupport>;

/** Extra-body keys the engine reads besides the parameter table (llama.cpp server names). */
const EXTRA_KEYS = ['top_k', 'min_p', 'logprobs'] as const;
const KNOWN_KEYS = new Set<string>([
  'model',
  'prompt',
  'stream',
  ...Object.keys(LOCAL_PARAM_SUPPORT),
  ...EXTRA_KEYS,
]);

/** A number schema with the range of its row in the parameter table. */
const ranged = (wire: OptionalParamKey, integer = false) => {
  const spec = paramSpec(wire);
  let s = integer ? z.number().int() : z.number();
  if (spec.min !== undefined) s = s.min(spec.min);
  if (spec.max !== undefined) s = s.max(spec.max);
  return s.optional();
};

const bodySchema = z.object({
  prompt: z.string({ error: 'The local engine takes one text prompt.' }),
  stream: z.boolean().optional(),
  temperature: ranged('temperature'),
  top_p: ranged('top_p'),
  frequency_penalty: ranged('frequency_penalty'),
  presence_penalty: ranged('presence_penalty'),
  max_tokens: ranged('max_tokens', true),
  n: ranged('n', true),
  best_of: ranged('best_of', true),
  seed: ranged('seed', true),
  stop: z.union([z.string(), z.array(z.string())]).optional(),
  logit_bias: z
    .record(z.string().regex(/^\d+$/, 'token ids are integers'), z.number().min(-100).max(100))
    .optional(),
  echo: z.boolean().optional(),
  logprobs: z.number().int().min(0).max(MAX_TOP_LOGPROBS).nullable().optional(),
  top_k: z.number().int().min(0).optional(),
  min_p: z.number().min(0).max(1).optional(),
});

/** Maps any safe integer onto a uint32 seed, the range llama.cpp's sampler takes. */
export const toUint32Seed = (seed: number): number => ((seed % 2 ** 32) + 2 ** 32) % 2 ** 32;

/** The run plan of a request body, and the keys it ignores; a body that cannot run is a bad_request value. */
export const planLocalCompletion = (
  body: Record<string, unknown>,
): Result<{ plan: LocalPlan; ignored: IgnoredParam[] }> => {
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const param = issue?.path.map(String).join('.') || undefined;
    return fail('bad_request', `${param ? `${param}: ` : ''}${issue?.message ?? 'invalid request'}`, {
      param,
    });
  }
  const b = parsed.data;
  const n = b.n ?? 1;
  const bestOf = b.best_of ?? n;
  if (bestOf < n)
    return fail('bad_request', `best_of (${bestOf}) must be at least n (${n}).`, { param: 'best_of' });
  const stop = (typeof b.stop === 'string' ? [b.stop] : (b.stop ?? [])).filter((s) => s !== '');
  const ignored: IgnoredParam[] = [];
  for (const key of Object.keys(body)) {
    if (!KNOWN_KEYS.has(key)) ignored.push({ param: key, reason: 'The local engine has no such setting.' });
  }
  if (body['user'] !== undefined) ignored.push({ param: 'user', reason: LOCAL_PARAM_SUPPORT.user.note });
  const plan: LocalPlan = {
    prompt: b.prompt,
    // A server picks best_of candidates after generating them all, so nothing streams (as effectiveStream says).
    stream: (b.stream ?? false) && bestOf === n,
    echo: b.echo ?? false,
    n,
    bestOf,
    maxTokens: b.max_tokens ?? DEFAULT_MAX_TOKENS,
    stop,
    sampling: {
      temperature: b.temperature ?? 1,
      topP: b.top_p ?? 1,
      topK: b.top_k ?? LOCAL_SAMPLING_DEFAULTS.topK,
      minP: b.min_p ?? LOCAL_SAMPLING_DEFAULTS.minP,
      frequencyPenalty: b.frequency_penalty ?? 0,
      presencePenalty: b.presence_penalty ?? 0,
    },
    logitBias: Object.entries(b.logit_bias ?? {}).map(([id, bias]) => [Number(id), bias]),
  };
  if (b.seed !== undefined) plan.seed = toUint32Seed(b.seed);
  if (b.logprobs !== undefined && b.logprobs !== null) plan.logprobs = b.logprobs;
  return ok({ plan, ignored });
};
