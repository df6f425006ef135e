import { useCurrentRunId, useRunActions } from '../../state/run-store';
import { useStores } from '../../state/stores-context';
import { insertAtEnd, usePromptRef } from '../prompt/prompt-ref';
import { BranchBar } from '../branch/branch-bar';
import { useBranching } from '../branch/use-branch';
import { RunOutput } from './run-output';

/** The output of the playground's current run: the main variant of the one run output. */
export function OutputPanel() {
  const runId = useCurrentRunId();
  const { stop } = useRunActions();
  const { draft } = useStores();
  const promptRef = usePromptRef();
  const { onBranch, back } = useBranching();

  const append = (text: string) => {
    const el = promptRef.current;
    if (el && insertAtEnd(el, text)) return;
    draft.patchParams({ prompt: draft.store.get().draft.params.prompt + text });
  };

  return (
    <div className="output-panel">
      <BranchBar onBack={back} />
      <RunOutput runId={runId} variant="main" onCancel={stop} onAppend={append} onBranch={onBranch} />
    </div>
  );
}
