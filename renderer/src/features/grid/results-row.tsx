import { memo } from 'react';
import { caseValue, type CaseRow } from '../../../../shared/cases/case-set';
import { cellKey } from '../../../../shared/grid/cells';
import type { CompiledCheck } from '../../../../shared/grid/checks';
import type { CellRating } from '../../../../shared/grid/grid-report';
import type { CellResult, GridColumn } from '../../../../shared/grid/grid-types';
import { checkCell } from '../../../../shared/grid/pass-rates';
import { visibleText } from '../../../../shared/visible-text';
import type { ResultsGridProps } from './results-grid';
import { ResultsCell } from './results-cell';

/** Characters of a variable's value shown in a row header. */
const VALUE_PREVIEW_CHARS = 80;

/** Props of one results row. */
export interface ResultsRowProps {
  row: CaseRow;
  columns: readonly GridColumn[];
  /** Runs per column id (first run first). */
  runsOf: ReadonlyMap<string, readonly CellResult[]> | undefined;
  running: ReadonlySet<string> | undefined;
  checks: readonly CompiledCheck[];
  ratings: ReadonlyMap<string, CellRating>;
  /** The focused cell's column (0 is the row header) when the focus is in this row. */
  activeColumn: number | undefined;
  repeatTimes: number;
  onRate: (key: string, verdict: CellRating['verdict'] | undefined) => void;
  onNote: (key: string, note: string) => void;
  onDiff: (caseId: string) => void;
  onRepeat: ResultsGridProps['onRepeat'];
  onRetry: ResultsGridProps['onRetry'];
  onUseSetup: ResultsGridProps['onUseSetup'];
}

/** One case: its header (id, variables, Word diff, Repeat row) and a cell per column. */
export const ResultsRow = memo(function ResultsRow(props: ResultsRowProps) {
  const { row, columns, runsOf, running, activeColumn, onRepeat, repeatTimes } = props;
  const names = Object.keys(row.values);
  return (
    <>
      <div
        role="rowheader"
        className="results-rowhead"
        aria-colindex={1}
        data-col={0}
        tabIndex={activeColumn === 0 ? 0 : -1}
      >
        <strong>{visibleText(row.id)}</strong>
        {names.slice(0, 3).map((n) => (
          <span key={n} className="results-var" title={caseValue(row, n).slice(0, 2000)}>
            {n}: {visibleText(caseValue(row, n).slice(0, VALUE_PREVIEW_CHARS))}
          </span>
        ))}
        {row.expected !== undefined ? (
          <span className="results-var">
            expected: {visibleText(row.expected.slice(0, VALUE_PREVIEW_CHARS))}
          </span>
        ) : null}
        <div className="results-actions">
          {columns.length > 1 ? (
            <button
              type="button"
              className="button button-small"
              aria-haspopup="dialog"
              onClick={() => props.onDiff(row.id)}
            >
              Word diff
            </button>
          ) : null}
          {onRepeat ? (
            <button
              type="button"
              className="button button-small"
              aria-label="Repeat"
              title={`Run every cell of case ${row.id} ${repeatTimes} more times`}
              onClick={() => onRepeat({ caseId: row.id }, repeatTimes)}
            >
              Repeat row ×{repeatTimes}
            </button>
          ) : null}
        </div>
      </div>
      {columns.map((c, i) => {
        const list = runsOf?.get(c.id);
        const first = list?.[0];
        const ok = list?.filter((r) => r.status === 'succeeded') ?? [];
        const meter =
          list && list.length > 1 && ok.length > 0
            ? { runs: ok.length, distinct: new Set(ok.map((r) => JSON.stringify(r.outputs))).size }
            : undefined;
        const isRunning =
          running !== undefined && running.size > 0 && hasRunningRepeat(running, row.id, c.id);
        return (
          <div
            key={c.id}
            role="gridcell"
            className="results-cell"
            aria-colindex={i + 2}
            data-col={i + 1}
            tabIndex={activeColumn === i + 1 ? 0 : -1}
          >
            <ResultsCell
              label={`${row.id}, ${c.label}`}
              {...(first ? { result: first } : {})}
              {...(meter ? { meter } : {})}
              {...(first && props.checks.length > 0
                ? { checks: checkCell(props.checks, first, row.expected) }
                : {})}
              {...(first && props.ratings.has(first.key) ? { rating: props.ratings.get(first.key) } : {})}
              isRunning={isRunning}
              repeatTimes={repeatTimes}
              onRate={props.onRate}
              onNote={props.onNote}
              {...(onRepeat
                ? { onRepeat: () => onRepeat({ caseId: row.id, columnId: c.id }, repeatTimes) }
                : {})}
              {...(props.onRetry ? { onRetry: props.onRetry } : {})}
              {...(props.onUseSetup ? { onUseSetup: props.onUseSetup } : {})}
            />
          </div>
        );
      })}
    </>
  );
});

/** Whether any repeat of a case × column is running (a repeat's key is not among the finished runs yet). */
const hasRunningRepeat = (running: ReadonlySet<string>, caseId: string, columnId: string): boolean => {
  // Every key of the cell shares the key of its first run up to the repeat number (shared/grid/cells.ts cellKey).
  const prefix = cellKey(caseId, columnId, 0).slice(0, -1);
  for (const key of running) if (key.startsWith(prefix)) return true;
  return false;
};
