import { useCallback, useRef, useState } from 'react';
import type { ChoiceEnd } from '../../../../shared/run-events';
import type { RunStatus } from '../../state/run-view';
import { Icon } from '../../ui/icons';
import { FinishBadge, isIncomplete } from './finish-badge';
import { OutputText } from './output-text';
import { useTextFact, type TextSource } from '../../state/text-source';
import { ChoiceTokens, type BranchPoint } from '../tokens/choice-tokens';
import { MissingTokensNote, TokenToggle } from '../tokens/token-toggle';
import type { ChoiceTokensView } from '../../state/token-source';

/** Props of one choice's output. */
interface ChoiceOutputProps {
  index: number;
  total: number;
  /** The choice's text, read here and below rather than passed down: streaming re-renders nothing (output-text.tsx). */
  source: TextSource;
  echoLength: number;
  end?: ChoiceEnd;
  status: RunStatus;
  onAppend: (text: string) => void;
  runId: string;
  /** The choice's token probabilities, read live like its text. */
  tokens: ChoiceTokensView;
  /** Whether the request asked for probabilities (the toggle is offered then, or when tokens came anyway). */
  wantsLogprobs: boolean;
  isTokenView: boolean;
  onToggleTokens: (index: number) => void;
  onBranch?: (at: BranchPoint) => void;
}

const PIN_SLACK_PX = 24;
const SCROLLER_FRAME = { flex: '1 1 0', minHeight: 0, position: 'relative' } as const;
const SCROLLER_BOX = { position: 'absolute', inset: 0 } as const;

/**
 * One choice of the main output: a region named "Completion" (n = 1) or "Completion k", its finish reason, copy and
 * append, and a scroller that follows the stream while the reader is at its bottom.
 */
export function ChoiceOutput(props: ChoiceOutputProps) {
  const { index, total, source, echoLength, end, status, onAppend, tokens } = props;
  const name = total === 1 ? 'Completion' : `Completion ${index + 1}`;
  const scroller = useRef<HTMLDivElement>(null);
  const isPinned = useRef(true);
  const [copied, setCopied] = useState(false);
  // Facts that change once per run, not per frame; the text itself is read when a button needs it.
  const isEmpty = useTextFact(source, (t) => t.length === 0);
  const hasGenerated = useTextFact(source, (t) => t.length > echoLength);

  // Follow the stream while the reader is at the bottom; scrolling up stops following.
  const follow = useCallback(() => {
    const el = scroller.current;
    if (el && isPinned.current) el.scrollTop = el.scrollHeight;
  }, []);

  const copy = () => {
    void navigator.clipboard?.writeText(source.get()).then(() => {
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    });
  };

  return (
    <section className={isIncomplete(status, end) ? 'choice is-incomplete' : 'choice'} aria-label={name}>
      <header className="choice-header">
        <h3>{name}</h3>
        <FinishBadge end={end} status={status} isStreamingShown />
        <span className="spacer" />
        {props.wantsLogprobs || tokens.hasTokens ? (
          <TokenToggle
            isPressed={props.isTokenView}
            onToggle={() => props.onToggleTokens(index)}
            name={name}
          />
        ) : null}
        <button
          type="button"
          className="icon-button"
          onClick={copy}
          disabled={isEmpty}
          title="Copy this text"
        >
          <Icon name="copy" />
          <span className="sr-only">Copy {name}</span>
        </button>
        {copied ? (
          <span className="copied" role="status">
            Copied
          </span>
        ) : null}
        <button
          type="button"
          className="icon-button"
          onClick={() => onAppend(source.get().slice(echoLength))}
          disabled={!hasGenerated}
          title="Append to prompt, to continue from here (undo with Ctrl+Z in the prompt)"
        >
          <Icon name="append" />
          <span className="sr-only">Append {name} to prompt</span>
        </button>
      </header>
      {tokens.isMissing ? <MissingTokensNote /> : null}
      {/* The scroller is absolutely placed in a plain box, not a flex item: a flex item can never be a relayout
          boundary, so a growing tail would re-lay out the whole page each frame. */}
      <div style={SCROLLER_FRAME}>
        <div
          ref={scroller}
          className="choice-text"
          style={SCROLLER_BOX}
          tabIndex={0}
          onScroll={(e) => {
            const el = e.currentTarget;
            isPinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < PIN_SLACK_PX;
          }}
        >
          {isEmpty && (status === 'running' || status === 'starting') ? (
            <span className="placeholder">Waiting for the first token…</span>
          ) : props.isTokenView && !tokens.isMissing ? (
            <ChoiceTokens
              runId={props.runId}
              index={index}
              name={name}
              tokens={tokens}
              onGrow={follow}
              {...(props.onBranch ? { onBranch: props.onBranch } : {})}
            />
          ) : (
            <OutputText source={source} echoLength={echoLength} onGrow={follow} />
          )}
        </div>
      </div>
    </section>
  );
}
