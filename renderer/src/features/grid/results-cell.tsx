import { memo, useState } from 'react';
import type { CheckResult } from '../../../../shared/grid/checks';
import type { CellRating } from '../../../../shared/grid/grid-report';
import type { CellResult } from '../../../../shared/grid/grid-types';
import { visibleText } from '../../../../shared/visible-text';
import { Modal } from '../../ui/modal';
import { formatCount, formatMs } from '../output/format';
import { formatCost, previewOf } from './grid-model';

/** Props of one results cell. */
export interface ResultsCellProps {
  label: string;
  /** The run shown (the first); undefined when the cell has not finished. */
  result?: CellResult;
  /** Runs of this cell (first and repeats) and how many distinct outputs they gave, when it ran more than once. */
  meter?: { runs: number; distinct: number };
  isRunning: boolean;
  checks?: readonly CheckResult[];
  rating?: CellRating;
  repeatTimes: number;
  onRate: (key: string, verdict: CellRating['verdict'] | undefined) => void;
  onNote: (key: string, note: string) => void;
  onRepeat?: () => void;
  onRetry?: (key: string) => void;
  onUseSetup?: (result: CellResult) => void;
}

function Verdicts({ checks }: { checks: readonly CheckResult[] }) {
  const applied = checks.filter((c) => c.pass !== null);
  if (applied.length === 0) return null;
  const passed = applied.filter((c) => c.pass).length;
  const title = checks
    .map(
      (c) =>
        `${c.pass === null ? 'n/a' : c.pass ? 'pass' : 'fail'}: ${c.check}${c.reason ? ` (${c.reason})` : ''}`,
    )
    .join('\n');
  return (
    <span className={`badge ${passed === applied.length ? 'badge-ok' : 'badge-danger'}`} title={title}>
      checks {passed}/{applied.length}
    </span>
  );
}

/**
 * One case × column: the output's first lines ("Show all" opens the whole output), finish reason, tokens, latency,
 * cost, checks, the determinism meter, the rating and its note, and the actions the grid was given.
 */
export const ResultsCell = memo(function ResultsCell(props: ResultsCellProps) {
  const { result, isRunning, label } = props;
  const [isShowingAll, setIsShowingAll] = useState(false);
  if (!result) {
    return (
      <div className="results-cell-body">
        <span className={isRunning ? 'badge badge-muted' : 'muted'}>
          {isRunning ? 'running…' : 'not run'}
        </span>
      </div>
    );
  }
  const output = result.outputs[0] ?? '';
  const preview = previewOf(output);
  const key = result.key;
  const rating = props.rating;
  return (
    <div className="results-cell-body">
      {result.status === 'failed' ? (
        <p className="results-error" role="note">
          Failed: {visibleText(result.error?.message ?? 'no message')}
        </p>
      ) : null}
      {output ? (
        <pre className="results-output">{preview.text}</pre>
      ) : result.status === 'succeeded' ? (
        <p className="muted">(empty output)</p>
      ) : null}
      {preview.isCut ? (
        <button
          type="button"
          className="link-button"
          aria-haspopup="dialog"
          onClick={() => setIsShowingAll(true)}
        >
          Show all
        </button>
      ) : null}
      {isShowingAll ? (
        <Modal title={`Output: ${label}`} onClose={() => setIsShowingAll(false)} wide>
          <pre className="results-output results-output-full">{output}</pre>
        </Modal>
      ) : null}
      <div className="results-metrics">
        {result.finishReasons[0] ? <span className="badge">finish: {result.finishReasons[0]}</span> : null}
        {result.usage?.completion_tokens !== undefined ? (
          <span title="prompt + completion tokens">
            {formatCount(result.usage.prompt_tokens ?? 0)} + {formatCount(result.usage.completion_tokens)} tok
          </span>
        ) : null}
        {result.metrics ? <span title="latency">{formatMs(result.metrics.durationMs)}</span> : null}
        {result.cost !== undefined ? <span title="cost">{formatCost(result.cost)}</span> : null}
        {props.checks ? <Verdicts checks={props.checks} /> : null}
        {props.meter ? (
          <span className="badge badge-muted" title={`${props.meter.runs} successful runs of this cell`}>
            {props.meter.distinct}/{props.meter.runs} distinct
          </span>
        ) : null}
        {isRunning ? <span className="badge badge-muted">running…</span> : null}
      </div>
      <div className="results-actions" role="group" aria-label={`Actions for ${label}`}>
        <button
          type="button"
          className="icon-button results-rate"
          aria-pressed={rating?.verdict === 'good'}
          aria-label="Good"
          title="Rate this output good"
          onClick={() => props.onRate(key, rating?.verdict === 'good' ? undefined : 'good')}
        >
          👍
        </button>
        <button
          type="button"
          className="icon-button results-rate"
          aria-pressed={rating?.verdict === 'bad'}
          aria-label="Bad"
          title="Rate this output bad"
          onClick={() => props.onRate(key, rating?.verdict === 'bad' ? undefined : 'bad')}
        >
          👎
        </button>
        {props.onRepeat ? (
          <button
            type="button"
            className="button button-small"
            aria-label="Repeat"
            title={`Run this cell ${props.repeatTimes} more times`}
            disabled={isRunning}
            onClick={props.onRepeat}
          >
            Repeat ×{props.repeatTimes}
          </button>
        ) : null}
        {props.onRetry && result.status === 'failed' ? (
          <button
            type="button"
            className="button button-small"
            disabled={isRunning}
            onClick={() => props.onRetry?.(key)}
          >
            Retry
          </button>
        ) : null}
        {props.onUseSetup ? (
          <button type="button" className="button button-small" onClick={() => props.onUseSetup?.(result)}>
            Use this setup
          </button>
        ) : null}
        {rating ? (
          <input
            className="text-input results-note"
            aria-label="Rating note"
            placeholder="Note (optional)"
            maxLength={2000}
            value={rating.note ?? ''}
            onChange={(e) => props.onNote(key, e.target.value)}
          />
        ) : null}
      </div>
    </div>
  );
});
