import { diffWords } from 'diff';
import { useMemo, useState } from 'react';

/** Props of the output diff. */
interface OutputDiffProps {
  /** Choice-0 output per column, in column order. */
  outputs: string[];
  /** Per column: whether it is still streaming (its diff waits for the end: a word diff per frame drops frames). */
  isStreaming: boolean[];
}

/** Outputs longer than this are diffed only up to it (word diff is quadratic in the worst case). */
const MAX_DIFF_CHARS = 20_000;

/** A word-level diff (the `diff` package's diffWords) between the outputs of any two columns. */
export function OutputDiff({ outputs, isStreaming }: OutputDiffProps) {
  const [a, setA] = useState(0);
  const [b, setB] = useState(1);
  const isWaiting = isStreaming[a] === true || isStreaming[b] === true;
  const left = isWaiting ? '' : (outputs[a] ?? '');
  const right = isWaiting ? '' : (outputs[b] ?? '');
  const parts = useMemo(
    () => diffWords(left.slice(0, MAX_DIFF_CHARS), right.slice(0, MAX_DIFF_CHARS)),
    [left, right],
  );
  const picker = (label: string, value: number, set: (v: number) => void) => (
    <select className="select" aria-label={label} value={value} onChange={(e) => set(Number(e.target.value))}>
      {outputs.map((_, i) => (
        <option key={i} value={i}>
          Column {i + 1}
        </option>
      ))}
    </select>
  );
  return (
    <section className="output-diff" aria-label="Output diff">
      <div className="output-diff-pickers">
        <span>Word diff of</span>
        {picker('Diff from column', a, setA)}
        <span>to</span>
        {picker('Diff to column', b, setB)}
      </div>
      {isWaiting ? (
        <p className="muted">The diff appears when both columns have finished.</p>
      ) : left || right ? (
        <p className="output-diff-text" aria-label={`Differences from column ${a + 1} to column ${b + 1}`}>
          {parts.map((p, i) =>
            p.added ? (
              <ins key={i}>{p.value}</ins>
            ) : p.removed ? (
              <del key={i}>{p.value}</del>
            ) : (
              <span key={i}>{p.value}</span>
            ),
          )}
        </p>
      ) : (
        <p className="muted">Run the columns to compare their outputs.</p>
      )}
    </section>
  );
}
