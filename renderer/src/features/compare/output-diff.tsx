import { useState } from 'react';
import type { Store } from '../../state/tiny-store';
import { useFinishedOutput, type ColumnRunIds } from './use-compare-runs';
import { useWordDiff } from './use-word-diff';
import { WordDiffView } from './word-diff-view';

/** Props of the output diff. */
interface OutputDiffProps {
  columnRuns: Store<ColumnRunIds>;
  /** Column ids, in column order. */
  columnIds: string[];
}

/**
 * A word-level diff (the `diff` package's diffWords, in a worker) between the outputs of any two columns. Folded until
 * asked for: laying out 20,000 characters of diff takes a long frame, which must not land while other columns stream.
 */
export function OutputDiff({ columnRuns, columnIds }: OutputDiffProps) {
  const [isOpen, setIsOpen] = useState(false);
  const [a, setA] = useState(0);
  const [b, setB] = useState(1);
  const finishedA = useFinishedOutput(columnRuns, columnIds[a]);
  const finishedB = useFinishedOutput(columnRuns, columnIds[b]);
  const isWaiting = finishedA === null || finishedB === null;
  const left = finishedA ?? '';
  const right = finishedB ?? '';
  const diff = useWordDiff(left, right, isOpen && !isWaiting);
  const picker = (label: string, value: number, set: (v: number) => void) => (
    <select className="select" aria-label={label} value={value} onChange={(e) => set(Number(e.target.value))}>
      {columnIds.map((_, i) => (
        <option key={i} value={i}>
          Column {i + 1}
        </option>
      ))}
    </select>
  );
  return (
    <details
      className="output-diff"
      aria-label="Output diff"
      onToggle={(e) => setIsOpen(e.currentTarget.open)}
    >
      <summary>Word diff</summary>
      {isOpen ? (
        <>
          <div className="output-diff-pickers">
            <span>From</span>
            {picker('Diff from column', a, setA)}
            <span>to</span>
            {picker('Diff to column', b, setB)}
          </div>
          {isWaiting ? (
            <p className="muted">The diff appears when both columns have finished.</p>
          ) : !left && !right ? (
            <p className="muted">Run the columns to compare their outputs.</p>
          ) : (
            <WordDiffView diff={diff} label={`Differences from column ${a + 1} to column ${b + 1}`} />
          )}
        </>
      ) : null}
    </details>
  );
}
