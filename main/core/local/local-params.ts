/**
 * Turns the body an HTTP provider would receive (the one request builder's output, extra body merged) into what the
 * local engine runs. The body is validated here because the extra body is the user's own JSON
 * (docs/architecture.md#validate-at-boundaries); every key the engine cannot honour is listed, never dropped silently.
 */
import { z } from 'zod';
import { MAX_ALTERNATIVES } from '../../../shared/token-logprobs';
import { paramSpec, type OptionalParamKey } from '../../../shared/params';
import { fail, ok, type Result } from '../../../shared/result';
import {
  DEFAULT_MAX_TOKENS,
  LOCAL_EXTRA_SUPPORT,
  LOCAL_PARAM_SUPPORT,
  LOCAL_SAMPLING_DEFAULTS,
} from './local-support';

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

/** Every body key the engine reads. */
const KNOWN_KEYS = new Set<string>([
  'model',
  'prompt',
  'stream',
  ...Object.keys(LOCAL_PARAM_SUPPORT),
  ...Object.keys(LOCAL_EXTRA_SUPPORT),
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
  // The table allows 0 (a server scoring an echoed prompt); node-llama-cpp would take 0 as "no limit".
  max_tokens: z
    .number()
    .int()
    .min(1, 'The local engine generates at least 1 token.')
    .max(1_000_000)
    .optional(),
  n: ranged('n', true),
  best_of: ranged('best_of', true),
  seed: ranged('seed', true),
  stop: z.union([z.string(), z.array(z.string())]).optional(),
  logit_bias: z
    .record(z.string().regex(/^\d+$/, 'token ids are integers'), z.number().min(-100).max(100))
    .optional(),
  echo: z.boolean().optional(),
  logprobs: z.number().int().min(0).max(MAX_ALTERNATIVES).nullable().optional(),
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
