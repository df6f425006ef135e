import type { ChoiceEnd } from '../../../../shared/run-events';
import type { RunStatus } from '../../state/run-view';
import type { TextSource } from '../../state/text-source';
import { FinishBadge, isIncomplete } from './finish-badge';
import { OutputText } from './output-text';

/** Props of a choice drawn in a Compare column or a History entry. */
interface CompactChoiceProps {
  index: number;
  total: number;
  /** The choice's text, read by OutputText itself: streaming re-renders nothing (output-text.tsx). */
  source: TextSource;
  echoLength: number;
  end?: ChoiceEnd;
  status: RunStatus;
  /** The class of the box holding the text alone (its font and block size estimate). */
  textClass: string;
}

/**
 * A choice where space is short: a line with its number (when there are several) and why it stopped, then its text.
 * The column or entry around it says whether the run is streaming.
 */
export function CompactChoice({
  index,
  total,
  source,
  echoLength,
  end,
  status,
  textClass,
}: CompactChoiceProps) {
  const hasBadge = Boolean(end?.finishReason) || isIncomplete(status, end);
  return (
    <div className="compact-choice">
      {total > 1 || hasBadge ? (
        <div className="compact-choice-head">
          {total > 1 ? <span className="muted">Choice {index + 1}</span> : null}
          <FinishBadge end={end} status={status} isStreamingShown={false} />
        </div>
      ) : null}
      {/* Blocks: a frame's delta re-lays out only the short open tail, not the whole output. */}
      <div className={textClass}>
        <OutputText source={source} echoLength={echoLength} />
      </div>
    </div>
  );
}
