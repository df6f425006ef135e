import type { ComponentProps } from 'react';
import { useOutputSource, useRunView } from '../state/runs-store';
import type { RunView } from '../state/run-view';
import { ChoiceOutput } from './choice-output';
import { CompactChoice } from './compact-choice';
import { ErrorPanel } from './error-panel';
import { MetricsLine } from './metrics-line';
import { OutputHeader } from './output-header';
import { RetryBanner } from './retry-banner';

/** Where an output is drawn: the main panel, a Compare column, or a History entry. */
export type OutputVariant = 'main' | 'column' | 'history';

/** Props of a run's output. */
interface RunOutputProps {
  /** The run in the runs store (undefined: none yet). */
  runId: string | undefined;
  variant: OutputVariant;
  /** Ends the run: the retry banner's Cancel. */
  onCancel?: () => void;
  /** Main panel: appends a choice's generated text to the prompt. */
  onAppend?: (text: string) => void;
  /** Compare column: the accessible name of the output box. */
  label?: string;
}

const COLUMN_FRAME = { height: '40vh' } as const;
const COLUMN_BOX = { contain: 'strict', height: '100%' } as const;
const TEXT_CLASS = { column: 'compare-text', history: 'history-text' } as const;

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

/** The choices of a run as the variant lays them out. */
function Choices({
  run,
  variant,
  onAppend,
}: {
  run: RunView;
  variant: OutputVariant;
  onAppend?: (t: string) => void;
}) {
  const total = run.outputs.length;
  const common = (i: number) => ({
    runId: run.runId,
    index: i,
    total,
    echoLength: run.echoLength,
    end: run.choices?.find((c) => c.index === i),
    status: run.status,
  });
  if (variant === 'main') {
    return (
      <div
        className="choices"
        style={{ gridTemplateColumns: `repeat(${Math.min(total, 3)}, minmax(0, 1fr))` }}
      >
        {run.outputs.map((_, i) => (
          <MainChoice {...common(i)} key={`${run.runId}:${i}`} onAppend={onAppend ?? (() => undefined)} />
        ))}
      </div>
    );
  }
  return run.outputs.map((_, i) => (
    <CompactRunChoice {...common(i)} key={`${run.runId}:${i}`} textClass={TEXT_CLASS[variant]} />
  ));
}

/**
 * One run's output, wherever it is shown: the retry banner ("Rate limited — retrying in N s"), the error with its
 * hint, each choice's text (echoed prompt shaded) with its finish reason and stop hit, and the metrics. The run is
 * selected ignoring its text, which OutputText draws by itself: streaming re-renders none of this.
 */
export function RunOutput({ runId, variant, onCancel, onAppend, label }: RunOutputProps) {
  const run = useRunView(runId);
  const banner = run?.retry && onCancel ? <RetryBanner retry={run.retry} onCancel={onCancel} /> : null;
  const error = run?.error ? (
    <ErrorPanel error={run.error} isPartial={run.outputs.some((o) => o.length > 0)} />
  ) : null;
  const metrics = run ? <MetricsLine metrics={run.metrics} usage={run.usage} /> : null;

  if (variant === 'main') {
    return (
      <>
        <OutputHeader run={run} />
        {banner}
        {error}
        {run ? (
          <Choices run={run} variant={variant} onAppend={onAppend} />
        ) : (
          <div className="empty-output">
            <section className="choice" aria-label="Completion">
              <p className="placeholder">
                Write a prompt and press <kbd>Ctrl</kbd>+<kbd>Enter</kbd> to run.
              </p>
            </section>
          </div>
        )}
      </>
    );
  }
  if (variant === 'column') {
    return (
      <>
        {banner}
        {error}
        {/* The scroller is sized by the column, never by its text (contain: strict), so a growing output re-lays
            out only itself. It sits in a plain box because a grid item can never be such a relayout boundary. */}
        <div style={COLUMN_FRAME}>
          <div className="compare-output" style={COLUMN_BOX} aria-label={label} aria-live="off">
            {run ? <Choices run={run} variant={variant} /> : null}
          </div>
        </div>
        {metrics}
      </>
    );
  }
  return (
    <>
      {banner}
      {error}
      {run ? <Choices run={run} variant={variant} /> : null}
      {metrics}
    </>
  );
}
