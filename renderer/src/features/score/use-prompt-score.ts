import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AppError } from '../../../../shared/result';
import { hasEnded, type RunsState } from '../../state/run-view';
import { runRequestFor } from '../../state/run-request';
import { useStores } from '../../state/stores-context';
import type { TokenSource } from '../../state/token-source';
import type { TokenLogprob } from '../../../../shared/token-logprobs';
import { runBlock } from '../prompt/run-gate';
import { promptScore, retriedNote, scoreDraft, scoreFailure, type PromptScore } from './score-request';

/** One scoring of the prompt: its run, which try it is, and what it found. */
interface Scoring {
  runId: string;
  prompt: string;
  maxTokens: 0 | 1;
  /** The refusal of max_tokens 0, once the retry with 1 is under way. */
  firstRefusal?: AppError;
}

/** What the prompt's score shows. */
export interface PromptScoreState {
  isScoring: boolean;
  /** The prompt scored (the editor may have moved on since). */
  prompt?: string;
  score?: PromptScore;
  /** Why max_tokens 1 was used, when it was. */
  note?: string;
  /** The run holding the scored tokens (its first choice). */
  runId?: string;
  /** A failure that is not a score: the run could not be asked for, or the server refused. */
  failure?: string;
}

const EMPTY: readonly TokenLogprob[] = [];

/** The prompt's own tokens of a scoring run, as the token view reads them (anything generated after is left out). */
export const promptTokenSource = (
  store: { get: () => RunsState; subscribe: (l: () => void) => () => void },
  runId: string,
): TokenSource => {
  let last: { from: readonly TokenLogprob[]; count: number; out: readonly TokenLogprob[] } | undefined;
  return {
    get() {
      const run = store.get()[runId];
      const from = run?.tokens?.[0]?.toArray() ?? EMPTY;
      const count = run?.promptTokens?.[0] ?? 0;
      if (last?.from !== from || last.count !== count) last = { from, count, out: from.slice(0, count) };
      return last.out;
    },
    subscribe: store.subscribe,
    isFinished: () => hasEnded(store.get()[runId]),
  };
};

/**
 * "Score prompt": runs the editor's prompt with echo, logprobs and max_tokens 0 (then 1 if 0 is refused) through
 * the runs store, and reads the prompt's own tokens and perplexity from the answer. The scoring run stays in the
 * page while its score is shown.
 */
export function usePromptScore() {
  const stores = useStores();
  const [scoring, setScoring] = useState<Scoring>();
  const [result, setResult] = useState<Omit<PromptScoreState, 'isScoring'>>({});

  const launch = useCallback(
    (prompt: string, maxTokens: 0 | 1, firstRefusal?: AppError) => {
      const { draft } = stores.draft.store.get();
      const runId = crypto.randomUUID();
      const request = runRequestFor(
        runId,
        scoreDraft({ ...draft, params: { ...draft.params, prompt } }, maxTokens),
        stores.settings.store.get().view?.activeProfileId ?? '',
      );
      setScoring({ runId, prompt, maxTokens, ...(firstRefusal ? { firstRefusal } : {}) });
      stores.runs.start(request);
    },
    [stores],
  );

  const score = useCallback(() => {
    const { draft, fieldErrors } = stores.draft.store.get();
    // The scoring request drops n and best_of, so only what it still sends is checked.
    const block = runBlock(scoreDraft(draft, 0), fieldErrors);
    if (block) return setResult({ failure: block.message });
    // The score shown before goes (its run leaves the page with it: see the effect below).
    setResult({});
    launch(draft.params.prompt, 0);
  }, [stores, launch]);

  // The scoring run's end is read from the runs store as it comes (a subscription, so no render waits for it).
  useEffect(() => {
    if (!scoring) return;
    let isHandled = false;
    return stores.runs.store.subscribe(() => {
      const run = stores.runs.store.get()[scoring.runId];
      if (isHandled || !run || !hasEnded(run)) return;
      isHandled = true;
      setScoring(undefined);
      if (run.status === 'done') {
        const score = promptScore(run.tokens?.[0]?.toArray(), run.promptTokens?.[0] ?? 0);
        setResult({
          prompt: scoring.prompt,
          score,
          runId: run.runId,
          ...(scoring.firstRefusal ? { note: retriedNote(scoring.firstRefusal) } : {}),
        });
        return;
      }
      stores.runs.release(run.runId);
      if (run.status === 'cancelled') return setResult({ failure: 'Scoring was stopped.' });
      const error: AppError = run.error ?? { kind: 'protocol', message: 'the run failed' };
      const next = scoreFailure(error, scoring.maxTokens);
      if (next.retryWithOne) launch(scoring.prompt, 1, error);
      else setResult({ failure: next.message });
    });
  }, [scoring, stores, launch]);

  // The scoring run leaves the page with the component.
  useEffect(() => () => void (result.runId && stores.runs.release(result.runId)), [result.runId, stores]);

  const state: PromptScoreState = useMemo(
    () => ({ ...result, isScoring: scoring !== undefined }),
    [result, scoring],
  );
  return { state, score };
}
