import { useEffect, useState } from 'react';
import { useDraftActions, useDraftSelector } from '../state/draft-store';

const SHOW_MS = 10_000;

/** After replaceDraft (a preset or history entry loaded), offers for a while to bring the previous draft back. */
export function UndoToast() {
  const depth = useDraftSelector((s) => s.undoStack.length);
  const { undoReplace } = useDraftActions();
  const [dismissedAt, setDismissedAt] = useState(0);
  const [seen, setSeen] = useState(depth);
  // An undo lowers the depth: it must not hide the next replace's offer.
  if (depth !== seen) {
    setSeen(depth);
    if (depth < dismissedAt) setDismissedAt(depth);
  }
  const isShown = depth > dismissedAt;

  useEffect(() => {
    if (!isShown) return;
    const timer = setTimeout(() => setDismissedAt(depth), SHOW_MS);
    return () => clearTimeout(timer);
  }, [isShown, depth]);

  if (!isShown) return null;
  return (
    <div className="toast" role="status">
      <span>The editor was replaced.</span>
      <button
        type="button"
        className="button button-small"
        onClick={() => undoReplace()}
        title="Bring the previous prompt and parameters back"
      >
        Undo replace
      </button>
      <button type="button" className="link-button" onClick={() => setDismissedAt(depth)}>
        Dismiss
      </button>
    </div>
  );
}
