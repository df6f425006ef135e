import { useState } from 'react';
import type { Draft } from '../../../../shared/schemas';
import { useDraftSelector } from '../../state/draft-store';
import { useStores } from '../../state/stores-context';
import { BestOfDialog } from '../best-of/best-of-dialog';
import { candidatesDraft, hasDiscardedCandidates } from '../best-of/rank-candidates';
import { useRunActions, useRunSelector } from '../../state/run-store';
import { Icon } from '../../ui/icons';
import { useNow } from '../output/use-now';
import { MOD_KEY } from '../../app/shortcuts';
import { runBlock, useRunGate } from './run-gate';

function ElapsedTimer({
  startedAt,
  isRunning,
  durationMs,
}: {
  startedAt: number;
  isRunning: boolean;
  durationMs?: number;
}) {
  const now = useNow(isRunning);
  const ms = isRunning ? Math.max(0, now - startedAt) : (durationMs ?? Math.max(0, now - startedAt));
  return (
    <span className="timer" role="timer" aria-label="Elapsed time" title="Time since the run started">
      {(ms / 1000).toFixed(1)} s
    </span>
  );
}

const STATUS_TEXT = {
  queued: 'Waiting…',
  starting: 'Starting…',
  running: 'Streaming…',
  done: 'Done',
  error: 'Failed',
  cancelled: 'Stopped',
} as const;

/** Why the last run attempt was refused, while it still applies (it goes away once the field is fixed). */
function RunRefusal() {
  const message = useDraftSelector((s) =>
    s.isRunRefused ? runBlock(s.draft, s.fieldErrors)?.message : undefined,
  );
  return message ? (
    <p className="run-refusal" role="alert">
      <Icon name="warn" />
      {message}
    </p>
  ) : null;
}

/** "Show best_of candidates", offered where best_of is above n; the dialog runs the candidates request. */
function BestOfButton() {
  const stores = useStores();
  const isOffered = useDraftSelector((s) => hasDiscardedCandidates(s.draft.params));
  const [draft, setDraft] = useState<Draft>();
  const open = () => {
    const { draft: editor, fieldErrors } = stores.draft.store.get();
    // The editor's invalid fields or missing model stop it as they stop Run (the run controls say which).
    if (runBlock(candidatesDraft(editor), fieldErrors)) return stores.draft.setRunRefused(true);
    setDraft(editor);
  };
  return (
    <>
      <button
        type="button"
        className="button"
        onClick={open}
        disabled={!isOffered}
        title={
          isOffered
            ? 'Generate every best_of candidate and see which best_of would return and which it discards'
            : 'Set Best of above N to see the candidates best_of chooses from'
        }
      >
        Show best_of candidates
      </button>
      {draft ? <BestOfDialog draft={draft} onClose={() => setDraft(undefined)} /> : null}
    </>
  );
}

/** Run / Stop / Regenerate with their shortcuts, the elapsed timer and the run status. */
export function ActionBar() {
  const { stop } = useRunActions();
  const { run, regenerate } = useRunGate();
  const status = useRunSelector((r) => r?.status);
  const startedAt = useRunSelector((r) => r?.startedAt);
  const durationMs = useRunSelector((r) => r?.metrics?.durationMs);
  const isRunning = status === 'starting' || status === 'running';

  return (
    <div className="action-bar" role="toolbar" aria-label="Run controls">
      <button
        type="button"
        className="button button-primary"
        onClick={() => run()}
        title={`Run (${MOD_KEY}+Enter)`}
        aria-keyshortcuts="Control+Enter Meta+Enter"
      >
        <Icon name="play" filled />
        Run
        <kbd className="kbd-hint" aria-hidden="true">
          {MOD_KEY}↵
        </kbd>
      </button>
      <button
        type="button"
        className="button"
        onClick={stop}
        disabled={!isRunning}
        title="Stop (Esc)"
        aria-keyshortcuts="Escape"
      >
        <Icon name="stop" filled />
        Stop
        <kbd className="kbd-hint" aria-hidden="true">
          Esc
        </kbd>
      </button>
      <button
        type="button"
        className="button"
        onClick={regenerate}
        disabled={status === undefined}
        title={`Regenerate: the same request again (${MOD_KEY}+Shift+Enter)`}
        aria-keyshortcuts="Control+Shift+Enter Meta+Shift+Enter"
      >
        <Icon name="redo" />
        Regenerate
      </button>
      <BestOfButton />
      <RunRefusal />
      <span className="spacer" />
      {status && startedAt !== undefined ? (
        <>
          <span className={`run-status run-status-${status}`} role="status">
            {STATUS_TEXT[status]}
          </span>
          <ElapsedTimer startedAt={startedAt} isRunning={isRunning} durationMs={durationMs} />
        </>
      ) : null}
    </div>
  );
}
