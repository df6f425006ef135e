/**
 * Token log-probabilities of a completion, in one shape for every engine: the local GGUF engine fills them from
 * llama.cpp's sampler, and an HTTP provider's `choices[].logprobs` can be mapped onto the same type.
 */

/** One alternative the model considered at a position. */
export interface TopLogprob {
  token: string;
  /** Natural log of its probability. */
  logprob: number;
}

/** One generated token: its text, its log-probability, and the most likely alternatives at its position. */
export interface TokenLogprob {
  token: string;
  /** The token's UTF-8 bytes, when its text alone cannot carry them (a token may end inside a character). */
  bytes?: number[];
  /** Natural log of the probability of the token that was chosen. */
  logprob: number;
  /** The most likely tokens at this position, most likely first (as many as the request's `logprobs`). */
  top: TopLogprob[];
}

/** Most alternatives per token a request may ask for (OpenAI allows 5; llama.cpp and vLLM allow more). */
export const MAX_TOP_LOGPROBS = 20;
