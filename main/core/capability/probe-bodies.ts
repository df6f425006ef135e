/**
 * The body of every probe of the capability check, and the parameters each one tests. Bodies are built one probe at a
 * time because later probes use earlier answers (the stop sequence is the reference text; the biased token is the id
 * the tokenizer gave). Every completion asks for at most MAX_CHECK_TOKENS tokens.
 */
import { CHECK_PROMPT, MAX_CHECK_TOKENS, type ProbeId } from '../../../shared/capability-plan';
import type { CheckedParam, TokenizeDialect } from '../../../shared/capabilities';
import { tokenizeBody } from './tokenize';

/** What the bodies depend on. */
export interface BodyContext {
  model: string;
  /** The tokenize dialect to try: llama.cpp's when `/props` answered like llama.cpp, else vLLM's. */
  dialect: TokenizeDialect;
  /** The baseline's text at temperature 0, once known. */
  reference?: string;
  /** The token the logit_bias probe pushes: the tokenized BIAS_WORD, or id 0 when nothing could be tokenized. */
  biasId: number;
}

/** The word the check tokenizes, then forces with logit_bias: one token in every common vocabulary. */
export const BIAS_WORD = ' the';

/** The `user` value the check sends, so a provider's logs show where the requests came from. */
export const CHECK_USER = 'r9s-playground-capability-check';

/** The seed both seed probes send. */
export const CHECK_SEED = 4242;

/** Top alternatives asked for with logprobs (OpenAI allows up to 5). */
export const CHECK_LOGPROBS = 2;

const completion = (c: BodyContext, extra: Record<string, unknown>): Record<string, unknown> => ({
  model: c.model,
  prompt: CHECK_PROMPT,
  max_tokens: MAX_CHECK_TOKENS,
  stream: false,
  ...extra,
});

/** A stop sequence that a server honouring stop must cut: the reference text itself, when it has any. */
export const stopFor = (reference: string | undefined): string | undefined =>
  reference !== undefined && reference.trim() !== '' ? reference : undefined;

// Sampled (temperature 1), so a server that ignores the seed gives different text; logprobs ride along.
const seeded = (c: BodyContext) =>
  completion(c, { temperature: 1, seed: CHECK_SEED, logprobs: CHECK_LOGPROBS });

/** The body of each probe (undefined for a GET). */
export const PROBE_BODIES = {
  models: () => undefined,
  props: () => undefined,
  tokenize: (c) => tokenizeBody(c.dialect, c.model, BIAS_WORD, false),
  baseline: (c) => completion(c, { temperature: 0 }),
  stream: (c) => completion(c, { temperature: 0, stream: true, stream_options: { include_usage: true } }),
  sampling: (c) => {
    const stop = stopFor(c.reference);
    return completion(c, {
      temperature: 0,
      top_p: 0.9,
      // Small enough not to change a greedy two-token answer, so the stop sequence still meets the reference text.
      frequency_penalty: 0.01,
      presence_penalty: 0.01,
      user: CHECK_USER,
      ...(stop !== undefined ? { stop: [stop] } : {}),
    });
  },
  n: (c) => completion(c, { n: 2 }),
  best_of: (c) => completion(c, { best_of: 2 }),
  echo: (c) => completion(c, { echo: true }),
  'seed-a': seeded,
  'seed-b': seeded,
  logit_bias: (c) => completion(c, { temperature: 0, logit_bias: { [String(c.biasId)]: 100 } }),
} satisfies Record<ProbeId, (c: BodyContext) => Record<string, unknown> | undefined>;

/** The parameters each completion probe tests; together they cover every checked parameter once. */
export const PROBE_PARAMS = {
  models: [],
  props: [],
  tokenize: [],
  baseline: ['temperature', 'max_tokens'],
  stream: [],
  sampling: ['top_p', 'frequency_penalty', 'presence_penalty', 'user', 'stop'],
  n: ['n'],
  best_of: ['best_of'],
  echo: ['echo'],
  'seed-a': ['seed', 'logprobs'],
  'seed-b': ['seed', 'logprobs'],
  logit_bias: ['logit_bias'],
} satisfies Record<ProbeId, readonly CheckedParam[]>;
