import type { ChoiceEnd } from '../../../../shared/run-events';
import type { RunStatus } from '../../state/run-view';
import type { TextSource } from '../../state/text-source';
import { FinishBadge, isIncomplete } from './finish-badge';
import { OutputText } from './output-text';
import type { ChoiceTokensView } from '../../state/token-source';
import { ChoiceTokens } from '../tokens/choice-tokens';
import { MissingTokensNote, TokenToggle } from '../tokens/token-toggle';

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
  runId: string;
  /** The name of the output around it ("Output of column 2", "Recorded output"), for the token list's name. */
  outputName: string;
  tokens: ChoiceTokensView;
  wantsLogprobs: boolean;
  isTokenView: boolean;
  onToggleTokens: (index: number) => void;
  /** A token to mark (Compare's first divergence). */
  markToken?: number;
}

/**
 * A choice where space is short: a line with its number (when there are several) and why it stopped, then its text.
 * The column or entry around it says whether the run is streaming.
 */
export function CompactChoice(props: CompactChoiceProps) {
  const { index, total, source, echoLength, end, status, textClass, tokens } = props;
  const hasBadge = Boolean(end?.finishReason) || isIncomplete(status, end);
  const hasToggle = props.wantsLogprobs || tokens.hasTokens;
  const name = total > 1 ? `${props.outputName}, choice ${index + 1}` : props.outputName;
  return (
    <div className="compact-choice">
      {total > 1 || hasBadge || hasToggle ? (
        <div className="compact-choice-head">
          {total > 1 ? <span className="muted">Choice {index + 1}</span> : null}
          <FinishBadge end={end} status={status} isStreamingShown={false} />
          {hasToggle ? (
            <TokenToggle
              isPressed={props.isTokenView}
              onToggle={() => props.onToggleTokens(index)}
              name={name}
            />
          ) : null}
        </div>
      ) : null}
      {tokens.isMissing ? <MissingTokensNote /> : null}
      {/* Blocks: a frame's delta re-lays out only the short open tail, not the whole output. */}
      <div className={textClass}>
        {props.isTokenView && !tokens.isMissing ? (
          <ChoiceTokens
            runId={props.runId}
            index={index}
            name={name}
            tokens={tokens}
            {...(props.markToken !== undefined ? { markToken: props.markToken } : {})}
          />
        ) : (
          <OutputText source={source} echoLength={echoLength} />
        )}
      </div>
    </div>
  );
}
