import { useCallback, useState, type ComponentProps } from 'react';
import type { TokenAlternative } from '../../../../shared/token-logprobs';
import { useOutputSource, useRunView } from '../../state/runs-store';
import type { RunView } from '../../state/run-view';
import { useTokenSource } from '../../state/token-source';
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
      /** A token of the first choice to mark (the first divergence from the other column). */
      markToken?: number;
    }
  | {
      /** A History entry: a recorded run, which has ended. */
      variant: 'history';
    }
);

const COLUMN_FRAME = { height: '40vh' } as const;
const COLUMN_BOX = { contain: 'strict', height: '100%' } as const;

/** Which choices show the token view; kept across runs, so the next run opens the way the last was read. */
interface TokenViewState {
  isTokenView: (index: number) => boolean;
  onToggleTokens: (index: number) => void;
}

/** What every choice of `run` is drawn with, apart from its text and tokens. */
const choiceProps = (run: RunView, index: number, views: TokenViewState) => ({
  runId: run.runId,
  index,
  total: run.outputs.length,
  echoLength: run.echoLength,
  end: run.choices?.find((c) => c.index === index),
  status: run.status,
  wantsLogprobs: run.wantsLogprobs === true,
  isTokenView: views.isTokenView(index),
  onToggleTokens: views.onToggleTokens,
});

/** A choice of the main output, its text and tokens read live from the runs store. */
function MainChoice(props: Omit<ComponentProps<typeof ChoiceOutput>, 'source' | 'tokens'>) {
  return (
    <ChoiceOutput
      {...props}
      source={useOutputSource(props.runId, props.index)}
      tokens={useTokenSource(props.runId, props.index)}
    />
  );
}

/** A choice of a column or entry, its text and tokens read live from the runs store. */
function CompactRunChoice(props: Omit<ComponentProps<typeof CompactChoice>, 'source' | 'tokens'>) {
  return (
    <CompactChoice
      {...props}
      source={useOutputSource(props.runId, props.index)}
      tokens={useTokenSource(props.runId, props.index)}
    />
  );
}

/** The compact variants' choices, each remounted for a new run (its text is append-only within one). */
const compactChoices = (
  run: RunView,
  textClass: string,
  outputName: string,
  views: TokenViewState,
  markToken?: number,
) =>
  run.outputs.map((_, i) => (
    <CompactRunChoice
      {...choiceProps(run, i, views)}
      key={`${run.runId}:${i}`}
      textClass={textClass}
      outputName={outputName}
      {...(i === 0 && markToken !== undefined ? { markToken } : {})}
    />
  ));

/** The per-choice token view switch of one output place. */
function useTokenViews(): TokenViewState {
  const [shown, setShown] = useState<ReadonlySet<number>>(() => new Set());
  const onToggleTokens = useCallback(
    (index: number) =>
      setShown((old) => {
        const next = new Set(old);
        if (!next.delete(index)) next.add(index);
        return next;
      }),
    [],
  );
  return { isTokenView: (index) => shown.has(index), onToggleTokens };
}

/**
 * One run's output, wherever it is shown: the retry banner ("Rate limited — retrying in N s"), the error with its
 * hint, each choice's text (echoed prompt shaded) with its finish reason and stop hit, and the metrics. The run is
 * selected ignoring its text, which OutputText draws by itself: streaming re-renders none of this.
 */
export function RunOutput(props: RunOutputProps) {
  const run = useRunView(props.runId);
  const views = useTokenViews();
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
                <MainChoice
                  {...choiceProps(run, i, views)}
                  key={`${run.runId}:${i}`}
                  onAppend={props.onAppend}
                  {...(props.onBranch ? { onBranch: props.onBranch } : {})}
                />
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
              {run ? compactChoices(run, 'compare-text', props.label, views, props.markToken) : null}
            </div>
          </div>
          {metrics}
        </>
      );
    case 'history':
      return (
        <>
          {error}
          {run ? compactChoices(run, 'history-text', 'Recorded output', views) : null}
          {metrics}
        </>
      );
  }
}
