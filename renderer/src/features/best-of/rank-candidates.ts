import type { Draft } from '../../../../shared/schemas';
import { sequenceFigures, type TokenLogprob } from '../../../../shared/token-logprobs';

/** Keys the candidates request decides, so an extra body cannot override them. */
const DECIDED_KEYS = ['n', 'best_of', 'logprobs', 'stream', 'echo'];

/** Whether a draft asks for best_of candidates the server would throw away (best_of above n). */
export const hasDiscardedCandidates = (params: Draft['params']): boolean =>
  params.best_of !== undefined && params.best_of > (params.n ?? 1);

/**
 * The request that shows what best_of would choose from: every candidate returned (`n` = best_of, best_of left
 * out), each with its tokens' logprobs to rank it by. Not streamed: best_of itself is answered whole (servers
 * refuse it with streaming), and the ranking exists only once every candidate has ended. Echo is left out, so
 * every token is a generated one (and servers that refuse echo still answer).
 */
export function candidatesDraft(draft: Draft): Draft {
  const { best_of: bestOf, echo: _echo, ...params } = draft.params;
  const { extraBody, ...rest } = draft;
  const extra = Object.fromEntries(
    Object.entries(extraBody ?? {}).filter(([k]) => !DECIDED_KEYS.includes(k)),
  );
  return {
    ...rest,
    params: {
      ...params,
      n: bestOf ?? params.n ?? 1,
      logprobs: Math.max(1, params.logprobs ?? 1),
      stream: false,
    },
    ...(Object.keys(extra).length > 0 ? { extraBody: extra } : {}),
  };
}

/** One candidate in best_of's order. */
export interface RankedCandidate {
  /** The choice index the server gave it. */
  choice: number;
  /** 1 = the one best_of returns first. */
  rank: number;
  /** Mean logprob of its tokens; undefined when the server sent none for it (ranked last). */
  meanLogprob?: number;
  tokenCount: number;
  /** Whether best_of would have returned it (the `n` best). */
  isReturned: boolean;
}

/**
 * Ranks candidates as best_of does: by the mean logprob of their tokens (the log probability per token), highest
 * first; the first `n` are what best_of returns, the rest what it discards. A candidate without probabilities goes
 * last; ties keep the server's order.
 */
export function rankCandidates(
  tokens: readonly (readonly TokenLogprob[] | undefined)[],
  n: number,
): RankedCandidate[] {
  const scored = tokens.map((list, choice) => {
    const figures = sequenceFigures(list ?? []);
    return {
      choice,
      tokenCount: list?.length ?? 0,
      ...(figures ? { meanLogprob: figures.meanLogprob } : {}),
    };
  });
  scored.sort((a, b) => (b.meanLogprob ?? -Infinity) - (a.meanLogprob ?? -Infinity) || a.choice - b.choice);
  return scored.map((c, i) => ({ ...c, rank: i + 1, isReturned: i < n }));
}
