import type { DiffState } from './use-word-diff';

/** A word diff as it stands: computing, given up (too different), or its parts as insertions and deletions. */
export function WordDiffView({ diff, label }: { diff: DiffState; label: string }) {
  if (diff.kind === 'computing')
    return (
      <p className="muted" role="status">
        Comparing the outputs…
      </p>
    );
  if (diff.kind === 'too-different')
    return (
      <p className="muted" role="status">
        These outputs share too little for a useful word diff.
      </p>
    );
  return (
    // A group, not a paragraph: ARIA forbids naming a paragraph, so Chromium would drop the label.
    <div className="output-diff-text" role="group" aria-label={label}>
      {diff.parts.map((p, i) =>
        p.added ? (
          <ins key={i}>{p.value}</ins>
        ) : p.removed ? (
          <del key={i}>{p.value}</del>
        ) : (
          <span key={i}>{p.value}</span>
        ),
      )}
    </div>
  );
}
