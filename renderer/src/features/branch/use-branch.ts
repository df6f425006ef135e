import { useCallback, useEffect } from 'react';
import type { TokenAlternative } from '../../../../shared/token-logprobs';
import { useStores, type Stores } from '../../state/stores-context';
import { replaceAll, usePromptRef } from '../prompt/prompt-ref';
import { createRunGate } from '../prompt/run-gate';
import { branchPosition, branchPrompt } from './branch-prompt';

/** A "Continue with ‹token›" click: the run and choice, the position, the alternative picked. */
export interface BranchAt {
  runId: string;
  choice: number;
  tokenIndex: number;
  alternative: TokenAlternative;
}

/** Sets the editor's prompt through the textarea (undoable with Ctrl/Cmd+Z), else straight into the draft. */
const setPrompt = (stores: Stores, el: HTMLTextAreaElement | null, text: string) => {
  if (el && replaceAll(el, text)) return;
  stores.draft.patchParams({ prompt: text });
};

/**
 * Branching from a token of the playground's current run, and going back. The branch prompt is the run's prompt +
 * its output up to the token + the alternative (branch-prompt.ts); it replaces the editor's prompt as an edit the
 * prompt's own undo reverts, and the run is remembered as the branch's parent. Going back — the Back button, or
 * Ctrl/Cmd+Z in the prompt bringing the previous prompt back — shows the parent run's output again.
 */
export function useBranching() {
  const stores = useStores();
  const promptRef = usePromptRef();

  // The prompt's undo restores the previous prompt; the output follows it back to the parent run.
  useEffect(
    () =>
      stores.draft.store.subscribe(() => {
        const { branches, runId } = stores.run.store.get();
        const mark = branches?.[branches.length - 1];
        if (!mark || runId === mark.parentRunId) return;
        if (stores.draft.store.get().draft.params.prompt === mark.previousPrompt) stores.run.back();
      }),
    [stores],
  );

  const onBranch = useCallback(
    (at: BranchAt) => {
      const { runId, draft } = stores.run.store.get();
      const run = stores.runs.store.get()[at.runId];
      const tokens = run?.tokens?.[at.choice]?.toArray();
      // Only the run on show can be branched from: its draft holds the prompt its tokens continue.
      if (at.runId !== runId || !draft || !run || !tokens) return;
      const promptTokens = run.promptTokens?.[at.choice] ?? 0;
      const prompt = branchPrompt({ prompt: draft.params.prompt, tokens, promptTokens, ...at });
      const previousPrompt = stores.draft.store.get().draft.params.prompt;
      setPrompt(stores, promptRef.current, prompt);
      createRunGate(stores).branch({
        previousPrompt,
        branchPrompt: prompt,
        position: branchPosition(at.tokenIndex, promptTokens),
      });
    },
    [stores, promptRef],
  );

  const back = useCallback(() => {
    const mark = stores.run.back();
    if (mark) setPrompt(stores, promptRef.current, mark.previousPrompt);
  }, [stores, promptRef]);

  return { onBranch, back };
}
