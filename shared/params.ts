/**
 * The one parameter table (issue: foundation §3). Sliders, numeric inputs, validation, request building and code
 * snippets all read it, so a range or a help text is written once.
 */

/** How a parameter is edited and validated. */
export type ParamKind = 'number' | 'integer' | 'boolean' | 'string' | 'stop' | 'logit_bias';

/** The control the UI draws for it. */
export type ParamControl = 'slider' | 'number' | 'switch' | 'text' | 'chips' | 'bias-table' | 'seed';

/** One row of the parameter table. */
export interface ParamSpec {
  /** Wire name (snake_case), also the key in CompletionParams. */
  readonly wire: OptionalParamKey;
  /** Accessible name of the control (tests and screen readers use it). */
  readonly label: string;
  readonly kind: ParamKind;
  readonly control: ParamControl;
  readonly min?: number;
  readonly max?: number;
  readonly step?: number;
  /** The value a control starts from when the user switches the parameter from "not set" to set. */
  readonly default: number | boolean | string | readonly string[] | Readonly<Record<string, number>>;
  /** One line shown under the control and in tooltips. */
  readonly help: string;
}

/** Values of the optional parameters; `undefined` is the "not set" state, and an unset key is never sent. */
export interface OptionalParams {
  temperature?: number;
  top_p?: number;
  frequency_penalty?: number;
  presence_penalty?: number;
  max_tokens?: number;
  n?: number;
  best_of?: number;
  seed?: number;
  stop?: string[];
  logit_bias?: Record<string, number>;
  echo?: boolean;
  user?: string;
}

/** Names of the optional parameters. */
export type OptionalParamKey = keyof OptionalParams;

/** Everything that makes one completion request, before the profile and extra body are applied. */
export interface CompletionParams extends OptionalParams {
  model: string;
  prompt: string;
  /** Whether to stream; forced off when best_of > 1 (see effectiveStream). */
  stream: boolean;
}

/** Bias values allowed per token id (OpenAI's documented range). */
export const LOGIT_BIAS_RANGE = { min: -100, max: 100 } as const;

/** Most stop sequences OpenAI-compatible servers accept. */
export const MAX_STOP_SEQUENCES = 4;

/** The table itself, in the order the UI shows it. */
export const PARAM_SPECS: readonly ParamSpec[] = [
  {
    wire: 'temperature',
    label: 'Temperature',
    kind: 'number',
    control: 'slider',
    min: 0,
    max: 2,
    step: 0.01,
    default: 1,
    help: 'Randomness of sampling: 0 is nearly deterministic, higher is more varied.',
  },
  {
    wire: 'top_p',
    label: 'Top P',
    kind: 'number',
    control: 'slider',
    min: 0,
    max: 1,
    step: 0.01,
    default: 1,
    help: 'Nucleus sampling: only tokens within this cumulative probability are considered.',
  },
  {
    wire: 'frequency_penalty',
    label: 'Frequency penalty',
    kind: 'number',
    control: 'slider',
    min: -2,
    max: 2,
    step: 0.01,
    default: 0,
    help: 'Positive values penalise tokens by how often they already appeared.',
  },
  {
    wire: 'presence_penalty',
    label: 'Presence penalty',
    kind: 'number',
    control: 'slider',
    min: -2,
    max: 2,
    step: 0.01,
    default: 0,
    help: 'Positive values penalise tokens that appeared at all, nudging toward new topics.',
  },
  {
    wire: 'max_tokens',
    label: 'Max tokens',
    kind: 'integer',
    control: 'number',
    min: 1,
    max: 1_000_000,
    step: 1,
    default: 256,
    help: 'Most tokens to generate per choice.',
  },
  {
    wire: 'n',
    label: 'N',
    kind: 'integer',
    control: 'number',
    min: 1,
    max: 128,
    step: 1,
    default: 1,
    help: 'How many completions to generate for the prompt.',
  },
  {
    wire: 'best_of',
    label: 'Best of',
    kind: 'integer',
    control: 'number',
    min: 1,
    max: 128,
    step: 1,
    default: 1,
    help: 'Generate this many server-side and return the best n; must be ≥ n, and cannot stream.',
  },
  {
    wire: 'seed',
    label: 'Seed',
    kind: 'integer',
    control: 'seed',
    min: -9_007_199_254_740_991,
    max: 9_007_199_254_740_991,
    step: 1,
    default: 42,
    help: 'Same seed and parameters should give the same output, where the server supports it.',
  },
  {
    wire: 'stop',
    label: 'Stop sequences',
    kind: 'stop',
    control: 'chips',
    default: [],
    help: `Up to ${MAX_STOP_SEQUENCES} sequences where generation stops; the sequence is not included.`,
  },
  {
    wire: 'logit_bias',
    label: 'Logit bias',
    kind: 'logit_bias',
    control: 'bias-table',
    min: LOGIT_BIAS_RANGE.min,
    max: LOGIT_BIAS_RANGE.max,
    step: 1,
    default: {},
    help: 'Per token id, a bias from −100 (ban) to 100 (force) added to its logit.',
  },
  {
    wire: 'echo',
    label: 'Echo',
    kind: 'boolean',
    control: 'switch',
    default: true,
    help: 'Return the prompt in front of the completion.',
  },
  {
    wire: 'user',
    label: 'User',
    kind: 'string',
    control: 'text',
    default: '',
    help: 'An end-user id the provider may use for abuse monitoring.',
  },
];

/** Looks a spec up by wire name. */
export const paramSpec = (wire: OptionalParamKey): ParamSpec => {
  const spec = PARAM_SPECS.find((s) => s.wire === wire);
  if (!spec) throw new Error(`unknown parameter ${wire}`);
  return spec;
};

/** best_of > 1 makes the server pick among candidates, so it cannot stream. */
export const effectiveStream = (p: Pick<CompletionParams, 'stream' | 'best_of'>): boolean =>
  p.stream && !(p.best_of !== undefined && p.best_of > 1);

/** The starting setup of a new user. */
export const DEFAULT_PARAMS: CompletionParams = {
  model: '',
  prompt: '',
  stream: true,
  temperature: 1,
  max_tokens: 256,
};

/** Clamps a number into a spec's range and step grid; reports whether it had to change it. */
export const clampToSpec = (spec: ParamSpec, value: number): { value: number; clamped: boolean } => {
  let v = value;
  if (spec.kind === 'integer') v = Math.round(v);
  if (spec.min !== undefined && v < spec.min) v = spec.min;
  if (spec.max !== undefined && v > spec.max) v = spec.max;
  return { value: v, clamped: v !== value };
};
