import type { ComponentProps } from 'react';
import type { TokenAlternative } from '../../../../shared/token-logprobs';
import { useOutputSource, useRunView } from '../../state/runs-store';
import type { RunView } from '../../state/run-view';
import { ChoiceOutput } from './choice-output';
import { CompactChoice } from './compact-choice';
import { ErrorPanel } from './error-panel';
import { MetricsLine } from './metrics-line';
import { OutputHeader } from './output-header';
import { RetryBanner } from './retry-banner';
import { WelcomePanel } from './welcome-panel';

/** Where a run's output is drawn, and what that place needs. */
type RunOutputProps = { runId: string | undefined } & (
  | {
      /** The main panel: header, one region per choice with copy and append to prompt. */
      variant: 'main';
      /** Ends the run: the retry banner's Cancel. */
      onCancel: () => void;
      onAppend: (text: string) => void;
      /** "Continue with ‹token›" in a token's details: branch from that position with that alternative. */
      onBranch?: (at: {
        runId: string;
        choice: number;
        tokenIndex: number;
        alternative: TokenAlternative;
      }) => void;
    }
  | {
      /** A Compare column: its choices in one scroller sized by the column, named `label`. */
      variant: 'column';
      onCancel: () => void;
      label: string;
    }
  | {
      /** A History entry: a recorded run, which has ended. */
      variant: 'history';
    }
);

const COLUMN_FRAME = { height: '40vh' } as const;
const COLUMN_BOX = { contain: 'strict', height: '100%' } as const;

/** What every choice of `run` is drawn with, apart from its text. */
const choiceProps = (run: RunView, index: number) => ({
  runId: run.runId,
  index,
  total: run.outputs.length,
  echoLength: run.echoLength,
  end: run.choices?.find((c) => c.index === index),
  status: run.status,
});

/** A choice of the main output, its text read live from the runs store. */
function MainChoice(props: Omit<ComponentProps<typeof ChoiceOutput>, 'source'> & { runId: string }) {
  const { runId, ...rest } = props;
  return <ChoiceOutput {...rest} source={useOutputSource(runId, props.index)} />;
}

/** A choice of a column or entry, its text read live from the runs store. */
function CompactRunChoice(props: Omit<ComponentProps<typeof CompactChoice>, 'source'> & { runId: string }) {
  const { runId, ...rest } = props;
  return <CompactChoice {...rest} source={useOutputSource(runId, props.index)} />;
}

/** The compact variants' choices, each remounted for a new run (its text is append-only within one). */
const compactChoices = (run: RunView, textClass: string) =>
  run.outputs.map((_, i) => (
    <CompactRunChoice {...choiceProps(run, i)} key={`${run.runId}:${i}`} textClass={textClass} />
  ));

/**
 * One run's output, wherever it is shown: the retry banner ("Rate limited — retrying in N s"), the error with its
 * hint, each choice's text (echoed prompt shaded) with its finish reason and stop hit, and the metrics. The run is
 * selected ignoring its text, which OutputText draws by itself: streaming re-renders none of this.
 */
export function RunOutput(props: RunOutputProps) {
  const run = useRunView(props.runId);
  const banner =
    run?.retry && props.variant !== 'history' ? (
      <RetryBanner retry={run.retry} onCancel={props.onCancel} />
    ) : null;
  const error = run?.error ? (
    <ErrorPanel error={run.error} isPartial={run.outputs.some((o) => o.length > 0)} />
  ) : null;
  const metrics = run ? <MetricsLine metrics={run.metrics} usage={run.usage} /> : null;

  switch (props.variant) {
    case 'main':
      return (
        <>
          {/* The main output shows its metrics in its header. */}
          <OutputHeader run={run} />
          {banner}
          {error}
          {run ? (
            <div
              className="choices"
              style={{ gridTemplateColumns: `repeat(${Math.min(run.outputs.length, 3)}, minmax(0, 1fr))` }}
            >
              {run.outputs.map((_, i) => (
                <MainChoice {...choiceProps(run, i)} key={`${run.runId}:${i}`} onAppend={props.onAppend} />
              ))}
            </div>
          ) : (
            <div className="empty-output">
              <section className="choice" aria-label="Completion">
                <WelcomePanel />
              </section>
            </div>
          )}
        </>
      );
    case 'column':
      return (
        <>
          {banner}
          {error}
          {/* The scroller is sized by the column, never by its text (contain: strict), so a growing output
              re-lays out only itself. It sits in a plain box because a grid item can never be such a relayout
              boundary. */}
          <div style={COLUMN_FRAME}>
            <div className="compare-output" style={COLUMN_BOX} aria-label={props.label} aria-live="off">
              {run ? compactChoices(run, 'compare-text') : null}
            </div>
          </div>
          {metrics}
        </>
      );
    case 'history':
      return (
        <>
          {error}
          {run ? compactChoices(run, 'history-text') : null}
          {metrics}
        </>
      );
  }
}
