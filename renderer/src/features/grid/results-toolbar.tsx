import { memo, useState } from 'react';
import { MAX_REPEATS } from '../../../../shared/grid/cells';
import type { ColumnPassRate } from '../../../../shared/grid/pass-rates';
import type { ImportedGrid } from '../../../../shared/grid/result-line';
import { ChecksEditor } from './checks-editor';
import { saveResultsFile, type ResultsFileKind } from './results-files';
import type { ResultsReview } from './use-results-review';

/** Props of the results toolbar. */
interface ResultsToolbarProps {
  data: ImportedGrid;
  review: ResultsReview;
  rates: readonly ColumnPassRate[];
  labelOf: (columnId: string) => string;
  isOnlyDiff: boolean;
  onOnlyDiff: (on: boolean) => void;
  shownRows: number;
  /** How many times "Repeat" runs a cell or row; absent when the grid cannot repeat. */
  repeatTimes?: number;
  onRepeatTimes?: (times: number) => void;
}

const EXPORTS: { kind: ResultsFileKind; label: string }[] = [
  { kind: 'csv', label: 'Export CSV' },
  { kind: 'jsonl', label: 'Export JSONL' },
  { kind: 'md', label: 'Export Markdown' },
];

/** "Only differences", the repeat count, "Save report", the exports, and the grid's checks with pass rates. */
export const ResultsToolbar = memo(function ResultsToolbar(props: ResultsToolbarProps) {
  const { data, review, isOnlyDiff, repeatTimes, onRepeatTimes } = props;
  const [status, setStatus] = useState<string>();
  const [timesText, setTimesText] = useState<string>();
  const save = (kind: ResultsFileKind) => {
    try {
      setStatus(`Saved ${saveResultsFile(kind, data, review.checks, review.ratings)}.`);
    } catch (e) {
      setStatus(`Could not save: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const isEmpty = data.results.length === 0;
  return (
    <div className="results-toolbar">
      <div className="results-toolbar-line" role="toolbar" aria-label="Results tools">
        <label className="check-line">
          <input type="checkbox" checked={isOnlyDiff} onChange={(e) => props.onOnlyDiff(e.target.checked)} />
          Only differences
        </label>
        <span className="muted" aria-live="polite">
          {props.shownRows} of {data.cases.length} rows
        </span>
        {repeatTimes !== undefined && onRepeatTimes ? (
          <label className="results-times">
            Repeat times
            <input
              type="number"
              className="text-input"
              min={1}
              max={MAX_REPEATS}
              value={timesText ?? String(repeatTimes)}
              onChange={(e) => {
                // The text is kept as typed (an empty field while retyping); only a whole number in range is used.
                setTimesText(e.target.value);
                const n = Number(e.target.value);
                if (Number.isInteger(n) && n >= 1 && n <= MAX_REPEATS) onRepeatTimes(n);
              }}
              onBlur={() => setTimesText(undefined)}
            />
          </label>
        ) : null}
        <span className="spacer" />
        <button
          type="button"
          className="button button-small button-primary"
          disabled={isEmpty}
          onClick={() => save('report')}
        >
          Save report
        </button>
        {EXPORTS.map((x) => (
          <button
            key={x.kind}
            type="button"
            className="button button-small"
            disabled={isEmpty}
            onClick={() => save(x.kind)}
          >
            {x.label}
          </button>
        ))}
        <span role="status" className="muted">
          {status}
        </span>
      </div>
      <ChecksEditor review={review} rates={props.rates} labelOf={props.labelOf} />
    </div>
  );
});
