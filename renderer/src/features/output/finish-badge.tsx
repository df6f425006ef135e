import type { ChoiceEnd } from '../../../../shared/run-events';
import { VisibleText } from '../params/stop-chips';
import type { RunStatus } from '../../state/run-view';

/** Whether a choice ended without a finish reason: its run failed or was stopped while it streamed. */
export const isIncomplete = (status: RunStatus, end: ChoiceEnd | undefined): boolean =>
  (status === 'error' || status === 'cancelled') && !end?.finishReason;

/**
 * Why a choice stopped (its finish reason, and the stop sequence it hit), or that it is incomplete. `isStreamingShown`
 * adds a "streaming…" badge while it runs, where nothing else near the choice says so.
 */
export function FinishBadge({
  end,
  status,
  isStreamingShown,
}: {
  end?: ChoiceEnd;
  status: RunStatus;
  isStreamingShown: boolean;
}) {
  if (end?.finishReason) {
    const tone = end.finishReason === 'stop' ? 'badge-ok' : 'badge-warn';
    return (
      <span
        className={`badge ${tone}`}
        title={end.finishReason === 'length' ? 'Stopped at Max tokens' : 'Why this choice stopped'}
      >
        finish: {end.finishReason}
        {end.matchedStop !== undefined ? (
          <>
            {' '}
            · matched{' '}
            <code className="matched-stop">
              <VisibleText text={end.matchedStop} />
            </code>
          </>
        ) : null}
      </span>
    );
  }
  if (isIncomplete(status, end)) {
    return (
      <span className="badge badge-danger">incomplete ({status === 'error' ? 'failed' : 'stopped'})</span>
    );
  }
  if (isStreamingShown && (status === 'running' || status === 'starting'))
    return <span className="badge badge-muted">streaming…</span>;
  return null;
}
