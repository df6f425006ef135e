/**
 * Exact token counts from the server's own tokenizer: llama.cpp's `POST /tokenize {content}` → `{tokens}` and vLLM's
 * `POST /tokenize {model, prompt}` → `{count, max_model_len, tokens}`. The capability check records which dialect a
 * server speaks; without one, countPromptTokens falls back to a labelled estimate.
 */
import type { TokenizeDialect } from '../../../shared/capabilities';
import { fail, ok, type Result } from '../../../shared/result';
import { EXACT_LABEL, type TokenCount } from '../../../shared/token-budget';
import type { FetchLike } from '../ports';
import type { ProviderTarget } from '../provider/request';
import { sendProbe } from './probe-http';
import { estimateTokens, type Encoders } from './token-estimate';

/** How long a count may take: a 2 MB prompt tokenizes in well under this on a local server. */
export const TOKENIZE_TIMEOUT_MS = 15_000;

/** Most bytes of a tokenize answer: a 2 MB prompt's ids as JSON stay below this. */
export const TOKENIZE_MAX_BYTES = 32 * 1024 * 1024;

/**
 * The request body in a dialect. `addSpecial` adds the tokens the server puts around a prompt (BOS), which a prompt
 * count should include because a completion spends them too; the check turns it off to learn one word's id.
 */
export const tokenizeBody = (
  dialect: TokenizeDialect,
  model: string,
  text: string,
  addSpecial: boolean,
): Record<string, unknown> =>
  dialect === 'llama.cpp'
    ? { content: text, add_special: addSpecial }
    : { model, prompt: text, add_special_tokens: addSpecial };

/** A tokenize answer read leniently. */
export interface TokenizeAnswer {
  count: number;
  /** The token ids, when the answer lists them as numbers (or llama.cpp's `{id, piece}` pairs). */
  ids?: number[];
  /** vLLM reports the model's context length with every count. */
  maxModelLen?: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

const idsOf = (tokens: unknown[]): number[] | undefined => {
  const ids = tokens.map((t) => (isRecord(t) ? t['id'] : t));
  return ids.every(isCount) ? ids : undefined;
};

/** Reads a tokenize answer of either dialect; undefined when it is not one. */
export const parseTokenizeAnswer = (
  dialect: TokenizeDialect,
  payload: unknown,
): TokenizeAnswer | undefined => {
  if (!isRecord(payload)) return undefined;
  const tokens = Array.isArray(payload['tokens']) ? payload['tokens'] : undefined;
  const ids = tokens ? idsOf(tokens) : undefined;
  if (dialect === 'llama.cpp') return tokens ? { count: tokens.length, ...(ids ? { ids } : {}) } : undefined;
  const count = payload['count'];
  if (!isCount(count)) return undefined;
  const maxModelLen = payload['max_model_len'];
  return {
    count,
    ...(ids ? { ids } : {}),
    ...(isCount(maxModelLen) && maxModelLen > 0 ? { maxModelLen } : {}),
  };
};

/** What a count needs. */
export interface CountOptions {
  target: ProviderTarget;
  model: string;
  text: string;
  fetch: FetchLike;
  /** Aborted when the user types again: the count is dropped. */
  signal: AbortSignal;
  timeoutMs?: number;
}

/** Counts a text's tokens with the server's tokenizer; cancelled counts fail with a `network` error. */
export const countTokensExact = async (
  dialect: TokenizeDialect,
  options: CountOptions,
): Promise<Result<TokenCount>> => {
  const answer = await sendProbe({
    target: options.target,
    method: 'POST',
    path: '/tokenize',
    body: tokenizeBody(dialect, options.model, options.text, true),
    fetch: options.fetch,
    signal: options.signal,
    timeoutMs: options.timeoutMs ?? TOKENIZE_TIMEOUT_MS,
    maxBytes: TOKENIZE_MAX_BYTES,
  });
  if (answer.kind === 'cancelled') return fail('network', 'The token count was cancelled.');
  if (answer.kind === 'failed') return { ok: false, error: answer.error };
  const parsed = answer.kind === 'json' ? parseTokenizeAnswer(dialect, answer.payload) : undefined;
  if (!parsed) return fail('protocol', `The /tokenize answer is not ${dialect}'s shape.`);
  return ok({ count: parsed.count, exact: true, label: EXACT_LABEL });
};

/**
 * The count shown beside the prompt: exact from the server when the check found a tokenize endpoint and it
 * answers, else an estimate that says so. A failed exact count falls back too, rather than showing nothing.
 */
export const countPromptTokens = async (
  dialect: TokenizeDialect | undefined,
  options: CountOptions,
  encoders: Encoders = {},
): Promise<Result<TokenCount>> => {
  if (dialect) {
    const exact = await countTokensExact(dialect, options);
    if (exact.ok || options.signal.aborted) return exact;
  }
  return ok(estimateTokens(options.text, options.model, encoders));
};
