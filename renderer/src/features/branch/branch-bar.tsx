import './branch.css';
import { useStoreSelector } from '../../state/tiny-store';
import { useStores } from '../../state/stores-context';
import type { CurrentRun } from '../../state/run-store';

const latestMark = (s: CurrentRun) => s.branches?.[s.branches.length - 1];

/**
 * The remembered branch point: "Back to ‹n›-token branch" returns to the prompt before the branch and shows the run
 * branched from again (Ctrl/Cmd+Z in the prompt does the same).
 */
export function BranchBar({ onBack }: { onBack: () => void }) {
  const mark = useStoreSelector(useStores().run.store, latestMark);
  if (!mark) return null;
  return (
    <div className="branch-bar" role="group" aria-label="Branch">
      <span className="muted">Branched at token {mark.position} of the run before.</span>
      <button
        type="button"
        className="button button-small"
        onClick={onBack}
        title="Restore the prompt and output from before this branch (Ctrl+Z in the prompt does the same)"
      >
        Back to {mark.position}-token branch
      </button>
    </div>
  );
}
