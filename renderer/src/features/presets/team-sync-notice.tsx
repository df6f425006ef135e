import type { TeamSync } from './use-team-sync';

/** Says when the editor followed a team preset's file (with Undo) or saved a copy of it. */
export function TeamSyncNotice({ sync }: { sync: TeamSync }) {
  if (!sync.notice) return null;
  return (
    <span role="status" className="team-notice">
      {sync.notice.text}
      {sync.notice.canUndo ? (
        <button type="button" className="link-button" onClick={sync.undoFollow}>
          Undo
        </button>
      ) : null}
      <button type="button" className="link-button" onClick={sync.dismissNotice}>
        Dismiss
      </button>
    </span>
  );
}
