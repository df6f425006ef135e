import { mentionsParam } from '../../../../shared/capability-rejections';
import type { AppError } from '../../../../shared/result';
import type { Draft } from '../../../../shared/schemas';
import { sequenceFigures, type SequenceFigures, type TokenLogprob } from '../../../../shared/token-logprobs';

/** Alternatives asked for when the draft sets none: OpenAI's legacy API allows at most 5. */
const DEFAULT_SCORE_LOGPROBS = 5;

/** Keys the scoring request decides, so an extra body cannot override them. */
const SCORE_KEYS = ['echo', 'logprobs', 'max_tokens', 'n', 'best_of', 'stream', 'stop'];

/**
 * The request that scores the editor's prompt: the prompt echoed back with its own tokens' probabilities, and as
 * little generated as the server allows (`max_tokens` 0, else 1). One choice, not streamed (the answer is the echo,
 * which comes whole), no stop sequences. Other parameters and the extra body are kept, so the same server-specific
 * fields apply.
 */
export function scoreDraft(draft: Draft, maxTokens: 0 | 1): Draft {
  const { n: _n, best_of: _b, stop: _s, ...params } = draft.params;
  const { extraBody, ...rest } = draft;
  const extra = Object.fromEntries(Object.entries(extraBody ?? {}).filter(([k]) => !SCORE_KEYS.includes(k)));
  return {
    ...rest,
    params: {
      ...params,
      echo: true,
      logprobs: Math.max(1, draft.params.logprobs ?? DEFAULT_SCORE_LOGPROBS),
      max_tokens: maxTokens,
      stream: false,
    },
    ...(Object.keys(extra).length > 0 ? { extraBody: extra } : {}),
  };
}

/** The server's answer in one line: "HTTP 500 'Unsupported param: echo'". */
const said = (e: AppError) => (e.status !== undefined ? `HTTP ${e.status} '${e.message}'` : e.message);

/**
 * Whether an error is the server refusing the request (not the network, the key, a rate limit or our own limits); an
 * engine without HTTP (the local one) refuses with a bad_request value.
 */
const isRefusal = (e: AppError) =>
  e.status === undefined
    ? e.kind === 'bad_request' || e.kind === 'unprocessable'
    : e.status >= 400 && e.status !== 401 && e.status !== 403 && e.status !== 429;

/** What a failed scoring attempt leads to: another try with `max_tokens` 1, or a message for the user. */
export type ScoreFailure = { retryWithOne: true } | { retryWithOne: false; message: string };

const ECHO_REFUSED = (e: AppError) =>
  `This server refused echo (${said(e)}), and scoring needs it: the server must send the prompt back with its ` +
  "tokens' probabilities. llama.cpp's server, for one, answers HTTP 500 to any echo key, so it cannot score a prompt.";

/**
 * Reads a failed scoring attempt. The first try asks for `max_tokens` 0; a refusal that does not name echo is taken
 * as the server wanting at least one token, and retried with 1. A refusal naming echo, or a second refusal, means the
 * server does not take echo (a 500 to both is what llama.cpp answers).
 */
export function scoreFailure(error: AppError, maxTokens: 0 | 1): ScoreFailure {
  if (isRefusal(error) && mentionsParam(error.message, 'echo'))
    return { retryWithOne: false, message: ECHO_REFUSED(error) };
  if (!isRefusal(error)) return { retryWithOne: false, message: `Scoring failed: ${said(error)}` };
  if (maxTokens === 0) return { retryWithOne: true };
  return {
    retryWithOne: false,
    message:
      error.status === 500
        ? ECHO_REFUSED(error)
        : `This server refused the scoring request (echo, logprobs, max_tokens 0 and then 1): ${said(error)}`,
  };
}

/** The note shown when max_tokens 0 was refused and 1 worked. */
export const retriedNote = (first: AppError): string =>
  `The server refused max_tokens 0 (${said(first)}), so the prompt was scored with max_tokens 1; the one token it ` +
  'generated is left out of the score.';

/** The prompt's own tokens and their figures, or why there are none. */
export type PromptScore =
  { ok: true; tokens: readonly TokenLogprob[]; figures: SequenceFigures } | { ok: false; message: string };

/**
 * The score of an echoed prompt: its tokens (the first `promptTokens` of the choice; anything generated after them
 * is left out) and their perplexity. The first token has no probability (nothing comes before it), so it is not in
 * the figures.
 */
export function promptScore(tokens: readonly TokenLogprob[] | undefined, promptTokens: number): PromptScore {
  if (!tokens || tokens.length === 0)
    return {
      ok: false,
      message:
        'The server sent no token probabilities for the prompt (it ignored logprobs), so it cannot be scored here.',
    };
  if (promptTokens === 0)
    return {
      ok: false,
      message:
        "The server did not send the prompt's tokens back (it ignored echo), so it cannot be scored here.",
    };
  const own = tokens.slice(0, promptTokens);
  const figures = sequenceFigures(own);
  if (!figures)
    return {
      ok: false,
      message: 'The prompt is a single token: there is nothing before it to score it against.',
    };
  return { ok: true, tokens: own, figures };
}
