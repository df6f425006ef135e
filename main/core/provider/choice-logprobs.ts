/**
 * Token probabilities of a run's choices as they arrive: each choice's `logprobs` (OpenAI/vLLM legacy or llama.cpp
 * `content[]`, streamed or not) read into TokenLogprobs, the echoed prompt's tokens counted apart, and the whole run
 * held to RUN_LOGPROB_ENTRIES (docs/architecture.md#data-is-sacred: a server controls how many it sends).
 */
import {
  entryCost,
  parseLogprobs,
  RUN_LOGPROB_ENTRIES,
  tokenBytes,
  type TokenLogprob,
} from '../../../shared/token-logprobs';

/** What one choice's payload adds: its tokens, and how many of the leading ones are the echoed prompt. */
export interface ChoiceTokens {
  logprobs: TokenLogprob[];
  promptTokens: number;
}

/** Options of createChoiceLogprobs. */
export interface ChoiceLogprobsOptions {
  /** UTF-8 bytes of the echoed prompt (0 without echo): tokens that start inside it are the prompt's own. */
  echoBytes: number;
  /** Most entries kept for the run (default RUN_LOGPROB_ENTRIES). */
  entryLimit?: number;
}

/** The UTF-8 length of the prompt a request echoes, or 0 when it does not ask for echo. */
export const echoBytesOf = (body: Record<string, unknown>): number => {
  const prompt = body['prompt'];
  return body['echo'] === true && typeof prompt === 'string' ? new TextEncoder().encode(prompt).length : 0;
};

/** Tracks one run's tokens per choice; `take` reads a choice's `logprobs` field. */
export const createChoiceLogprobs = (options: ChoiceLogprobsOptions) => {
  const limit = options.entryLimit ?? RUN_LOGPROB_ENTRIES;
  /** Bytes of tokens seen per choice, to tell the echoed prompt from the generated text. */
  const bytesSeen: number[] = [];
  let entries = 0;
  let isCut = false;
  return {
    /**
     * The tokens of one choice payload's `logprobs` field, within the run's budget; undefined when the field is
     * absent or null, or when the budget is spent (the text still goes on).
     */
    take(index: number, raw: unknown): ChoiceTokens | undefined {
      const parsed = parseLogprobs(raw);
      if (!parsed || parsed.length === 0 || isCut) return undefined;
      const logprobs: TokenLogprob[] = [];
      let promptTokens = 0;
      let seen = bytesSeen[index] ?? 0;
      for (const t of parsed) {
        const cost = entryCost(t);
        if (entries + cost > limit) {
          isCut = true;
          break;
        }
        entries += cost;
        if (seen < options.echoBytes) promptTokens++;
        seen += tokenBytes(t).length;
        logprobs.push(t);
      }
      bytesSeen[index] = seen;
      return logprobs.length > 0 ? { logprobs, promptTokens } : undefined;
    },
    /** Whether the run reached its budget and later tokens were dropped. */
    isCut: () => isCut,
  };
};

/** A run's token tracker. */
export type ChoiceLogprobs = ReturnType<typeof createChoiceLogprobs>;
