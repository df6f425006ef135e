/**
 * The one parameter table. A row says how a parameter is edited, limited and explained; its value type, the starting
 * setup, the zod schema, the extra body's reserved keys, the panel's controls, View code and the diffs are derived
 * from it, so adding a parameter is adding a row (docs/architecture.md#complete-maps).
 */

import type { NumericRow, ParamRow, ParamValueOfKind } from './param-kinds';

/** Names of the optional parameters, as sent (snake_case). A name without its row in PARAM_TABLE fails to compile. */
export type OptionalParamKey =
  | 'temperature'
  | 'top_p'
  | 'frequency_penalty'
  | 'presence_penalty'
  | 'max_tokens'
  | 'n'
  | 'best_of'
  | 'seed'
  | 'logprobs'
  | 'stop'
  | 'logit_bias'
  | 'echo'
  | 'user';

const MAX_SAFE = 9_007_199_254_740_991;

/** The table itself, keyed by wire name, in the order the UI shows it. */
export const PARAM_TABLE = {
  temperature: {
    label: 'Temperature',
    kind: 'number',
    control: 'slider',
    min: 0,
    max: 2,
    step: 0.01,
    default: 1,
    isInitiallySet: true,
    help: 'Randomness of sampling: 0 is nearly deterministic, higher is more varied.',
  },
  top_p: {
    label: 'Top P',
    kind: 'number',
    control: 'slider',
    min: 0,
    max: 1,
    step: 0.01,
    default: 1,
    help: 'Nucleus sampling: only tokens within this cumulative probability are considered.',
  },
  frequency_penalty: {
    label: 'Frequency penalty',
    kind: 'number',
    control: 'slider',
    min: -2,
    max: 2,
    step: 0.01,
    default: 0,
    help: 'Positive values penalise tokens by how often they already appeared.',
  },
  presence_penalty: {
    label: 'Presence penalty',
    kind: 'number',
    control: 'slider',
    min: -2,
    max: 2,
    step: 0.01,
    default: 0,
    help: 'Positive values penalise tokens that appeared at all, nudging toward new topics.',
  },
  max_tokens: {
    label: 'Max tokens',
    kind: 'integer',
    control: 'number',
    // 0 is allowed: with echo and logprobs it asks for the prompt's own probabilities alone (Score prompt).
    min: 0,
    max: 1_000_000,
    step: 1,
    default: 256,
    isInitiallySet: true,
    help: 'Most tokens to generate per choice. 0 generates none: with echo and logprobs that scores the prompt (some servers want at least 1).',
  },
  n: {
    label: 'N',
    kind: 'integer',
    control: 'number',
    min: 1,
    max: 128,
    step: 1,
    default: 1,
    help: 'How many completions to generate for the prompt.',
  },
  best_of: {
    label: 'Best of',
    kind: 'integer',
    control: 'number',
    min: 1,
    max: 128,
    step: 1,
    default: 1,
    help: 'Generate this many server-side and return the best n; must be ≥ n, and cannot stream.',
  },
  seed: {
    label: 'Seed',
    kind: 'integer',
    control: 'seed',
    min: -MAX_SAFE,
    max: MAX_SAFE,
    step: 1,
    default: 42,
    help: 'Same seed and parameters should give the same output, where the server supports it.',
  },
  logprobs: {
    label: 'Logprobs',
    kind: 'integer',
    control: 'number',
    min: 0,
    max: 20,
    step: 1,
    default: 1,
    isInR9sSchema: false,
    help: 'Log probabilities of this many likeliest tokens at each position. Not in the r9s request schema; OpenAI’s legacy API, vLLM, SGLang and llama.cpp’s server honour it on /v1/completions.',
  },
  stop: {
    label: 'Stop sequences',
    kind: 'stop',
    control: 'chips',
    maxItems: 4,
    maxItemLength: 500,
    default: [],
    help: 'Sequences where generation stops; the sequence itself is not included.',
  },
  logit_bias: {
    label: 'Logit bias',
    kind: 'logit_bias',
    control: 'bias-table',
    min: -100,
    max: 100,
    step: 1,
    maxEntries: 300,
    default: {},
    help: 'Per token id, a bias from −100 (ban) to 100 (force) added to its logit.',
  },
  echo: {
    label: 'Echo',
    kind: 'boolean',
    control: 'switch',
    default: true,
    help: 'Return the prompt in front of the completion.',
  },
  user: {
    label: 'User',
    kind: 'string',
    control: 'text',
    maxLength: 256,
    default: '',
    help: 'An end-user id the provider may use for abuse monitoring.',
  },
} as const satisfies Record<OptionalParamKey, ParamRow>;

/** Values of the optional parameters, typed by each row's kind; `undefined` is "not set", and is never sent. */
export type OptionalParams = {
  [K in OptionalParamKey]?: ParamValueOfKind[(typeof PARAM_TABLE)[K]['kind']];
};

/** Everything that makes one completion request, before the profile and extra body are applied. */
export interface CompletionParams extends OptionalParams {
  model: string;
  prompt: string;
  /** Whether to stream; forced off when best_of > 1 (see effectiveStream in param-rules). */
  stream: boolean;
}

/** A row of some shape with its wire name, as the UI and the builders read it. */
export type SpecOf<R extends ParamRow> = R & { readonly wire: OptionalParamKey };

/** Any row with its wire name. */
export type ParamSpec = SpecOf<ParamRow>;

/** The rows in table order (the order the UI shows them). */
export const PARAM_SPECS: readonly ParamSpec[] = (Object.keys(PARAM_TABLE) as OptionalParamKey[]).map(
  (wire): ParamSpec => ({ wire, ...PARAM_TABLE[wire] }),
);

/** Looks a spec up by wire name. */
export const paramSpec = (wire: OptionalParamKey): ParamSpec => {
  const spec = PARAM_SPECS.find((s) => s.wire === wire);
  if (!spec) throw new Error(`unknown parameter ${wire}`);
  return spec;
};

/** Whether a spec holds a number (a slider, a number input or the seed). */
export const isNumericSpec = (spec: ParamSpec): spec is SpecOf<NumericRow> =>
  spec.kind === 'number' || spec.kind === 'integer';

/** The starting setup of a new user: the rows marked isInitiallySet, at their default. */
export const DEFAULT_PARAMS: CompletionParams = {
  model: '',
  prompt: '',
  stream: true,
  ...Object.fromEntries(PARAM_SPECS.filter((s) => s.isInitiallySet).map((s) => [s.wire, s.default])),
};

/** Clamps a number into a spec's range and step grid; reports whether it had to change it. */
export const clampToSpec = (spec: ParamSpec, value: number): { value: number; clamped: boolean } => {
  let v = value;
  if (spec.kind === 'integer') v = Math.round(v);
  if (spec.min !== undefined && v < spec.min) v = spec.min;
  if (spec.max !== undefined && v > spec.max) v = spec.max;
  return { value: v, clamped: v !== value };
};
