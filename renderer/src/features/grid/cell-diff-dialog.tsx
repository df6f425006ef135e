import { useState } from 'react';
import type { GridColumn } from '../../../../shared/grid/grid-types';
import { Modal } from '../../ui/modal';
import { useWordDiff } from '../compare/use-word-diff';
import { WordDiffView } from '../compare/word-diff-view';

/** Props of the word diff of two cells of one row. */
interface CellDiffDialogProps {
  caseId: string;
  columns: readonly GridColumn[];
  /** The shown output of each column of the row (undefined where the cell has none). */
  outputs: readonly (string | undefined)[];
  onClose: () => void;
}

/** A word diff (Compare's worker, features/compare/use-word-diff.ts) between any two cells of one row. */
export function CellDiffDialog({ caseId, columns, outputs, onClose }: CellDiffDialogProps) {
  const [a, setA] = useState(0);
  const [b, setB] = useState(Math.min(1, columns.length - 1));
  const left = outputs[a];
  const right = outputs[b];
  const diff = useWordDiff(left ?? '', right ?? '', left !== undefined && right !== undefined);
  const picker = (label: string, value: number, set: (v: number) => void) => (
    <select className="select" aria-label={label} value={value} onChange={(e) => set(Number(e.target.value))}>
      {columns.map((c, i) => (
        <option key={c.id} value={i}>
          {c.label}
        </option>
      ))}
    </select>
  );
  return (
    <Modal title={`Word diff: case ${caseId}`} onClose={onClose} wide>
      <div className="output-diff-pickers">
        <span>From</span>
        {picker('Diff from column', a, setA)}
        <span>to</span>
        {picker('Diff to column', b, setB)}
      </div>
      {left === undefined || right === undefined ? (
        <p className="muted">Both cells need an output to compare.</p>
      ) : (
        <WordDiffView
          diff={diff}
          label={`Differences from ${columns[a]?.label ?? ''} to ${columns[b]?.label ?? ''}`}
        />
      )}
    </Modal>
  );
}
