import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { CellResult } from '../../../../shared/grid/grid-types';
import { passRates } from '../../../../shared/grid/pass-rates';
import type { ImportedGrid } from '../../../../shared/grid/result-line';
import { CellDiffDialog } from './cell-diff-dialog';
import { groupRuns, rowDiffers, shownRun } from './grid-model';
import { ResultsHeader } from './results-header';
import { ResultsRow } from './results-row';
import { ResultsToolbar } from './results-toolbar';
import { useResultsReview } from './use-results-review';
import './results-grid.css';

/** Props of the results grid (the contract the grid runner relies on: keep it as it is). */
export interface ResultsGridProps {
  /** Cases (rows), columns (setups) and every finished cell, repeats included (cell key = case|column|repeat). */
  data: ImportedGrid;
  /** Keys of cells running now (drawn as running). */
  running?: ReadonlySet<string>;
  /** "Repeat ×k" on a cell (columnId given) or a row (columnId absent); the button is hidden when absent. */
  onRepeat?: (target: { caseId: string; columnId?: string }, times: number) => void;
  /** Runs one failed cell again; hidden when absent. */
  onRetry?: (cellKey: string) => void;
  /** Restores a cell's exact setup (see shared/grid/result-line.ts setupOfLine) into the editor. */
  onUseSetup?: (result: CellResult) => void;
}

/**
 * Every row's height: fixed, so scrolling never measures a row (measuring each row as it mounted doubled the frame
 * work of a fast scroll, and long frames with it: render bench, grid scenario). A cell shows its output's first
 * lines; "Show all" opens the whole output.
 */
export const ROW_PX = 196;
/** Widths of the case column and of each setup's column. */
const ROW_HEAD_PX = 200;
const CELL_PX = 320;

/**
 * The results of a presets × cases grid: a row per case, a cell per setup. Rows are virtualized
 * (@tanstack/react-virtual) at a fixed height, so 250 cases × 8 setups scroll as a screenful. Arrow keys move between cells (one cell in the tab order at a time), Home/End to the row's
 * ends. Checks and ratings are this feature's own state (use-results-review.ts).
 */
export function ResultsGrid({ data, running, onRepeat, onRetry, onUseSetup }: ResultsGridProps) {
  const review = useResultsReview();
  const runs = useMemo(() => groupRuns(data), [data]);
  const columnIds = useMemo(() => data.columns.map((c) => c.id), [data.columns]);
  const [isOnlyDiff, setIsOnlyDiff] = useState(false);
  const [repeatTimes, setRepeatTimes] = useState(5);
  const [diffCase, setDiffCase] = useState<string>();
  const rows = useMemo(
    () => (isOnlyDiff ? data.cases.filter((c) => rowDiffers(runs, c.id, columnIds)) : data.cases),
    [isOnlyDiff, data.cases, runs, columnIds],
  );
  const expected = useMemo(() => new Map(data.cases.map((c) => [c.id, c.expected])), [data.cases]);
  const rates = useMemo(
    () => passRates(review.checks, data.results, columnIds, (id) => expected.get(id)),
    [review.checks, data.results, columnIds, expected],
  );
  const labelOf = useCallback(
    (id: string) => data.columns.find((c) => c.id === id)?.label ?? id,
    [data.columns],
  );
  const [active, setActive] = useState({ row: 0, col: 1 });
  const focusPending = useRef(false);
  const scrollRef = useRef<HTMLDivElement>(null);
  // The virtualizer's API is mutable by design, so the React compiler skips this component; nothing memoized
  // receives its functions.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_PX,
    overscan: 3,
    initialRect: { width: 1000, height: 600 },
    // Rows mount in React's own time rather than inside the scroll event, so a scroll frame stays short.
    useFlushSync: false,
  });
  const activeRow = Math.min(active.row, Math.max(0, rows.length - 1));

  // Focus follows the active cell once its row is drawn (it may have just been scrolled into view).
  useEffect(() => {
    if (!focusPending.current) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(
      `[data-row="${activeRow}"] [data-col="${active.col}"]`,
    );
    if (el) {
      focusPending.current = false;
      el.focus();
    }
  });

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    // Inside a text field or a list the arrow keys belong to it.
    if (target.closest('input, select, textarea')) return;
    const last = data.columns.length;
    const moves: Record<string, () => { row: number; col: number }> = {
      ArrowDown: () => ({ row: Math.min(rows.length - 1, activeRow + 1), col: active.col }),
      ArrowUp: () => ({ row: Math.max(0, activeRow - 1), col: active.col }),
      ArrowRight: () => ({ row: activeRow, col: Math.min(last, active.col + 1) }),
      ArrowLeft: () => ({ row: activeRow, col: Math.max(0, active.col - 1) }),
      Home: () => ({ row: e.ctrlKey ? 0 : activeRow, col: 0 }),
      End: () => ({ row: e.ctrlKey ? rows.length - 1 : activeRow, col: last }),
    };
    const move = moves[e.key];
    if (!move || rows.length === 0) return;
    e.preventDefault();
    const next = move();
    focusPending.current = true;
    setActive(next);
    virtualizer.scrollToIndex(next.row);
  };

  const diffRow = diffCase === undefined ? undefined : data.cases.find((c) => c.id === diffCase);
  // Fixed widths: the header and every (absolutely placed) row must lay their columns out alike.
  const template = `${ROW_HEAD_PX}px repeat(${data.columns.length}, ${CELL_PX}px)`;
  return (
    <div className="results">
      <ResultsToolbar
        data={data}
        review={review}
        rates={rates}
        labelOf={labelOf}
        isOnlyDiff={isOnlyDiff}
        onOnlyDiff={setIsOnlyDiff}
        shownRows={rows.length}
        {...(onRepeat ? { repeatTimes, onRepeatTimes: setRepeatTimes } : {})}
      />
      <div
        ref={scrollRef}
        className="results-scroll"
        role="grid"
        aria-label="Results"
        aria-rowcount={rows.length + 1}
        aria-colcount={data.columns.length + 1}
        onKeyDown={onKeyDown}
        onFocus={(e) => {
          const cell = (e.target as HTMLElement).closest<HTMLElement>('[data-col]');
          const row = cell?.closest<HTMLElement>('[data-row]');
          if (cell && row) setActive({ row: Number(row.dataset['row']), col: Number(cell.dataset['col']) });
        }}
      >
        <ResultsHeader columns={data.columns} rates={rates} template={template} />
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((it) => {
            const row = rows[it.index];
            if (!row) return null;
            return (
              <div
                key={row.id}
                role="row"
                aria-rowindex={it.index + 2}
                data-row={it.index}
                data-index={it.index}
                className="results-row"
                style={{
                  gridTemplateColumns: template,
                  height: ROW_PX,
                  transform: `translateY(${it.start}px)`,
                }}
              >
                <ResultsRow
                  row={row}
                  columns={data.columns}
                  runsOf={runs.get(row.id)}
                  running={running}
                  checks={review.checks}
                  ratings={review.ratings}
                  activeColumn={it.index === activeRow ? active.col : undefined}
                  repeatTimes={repeatTimes}
                  onRate={review.rate}
                  onNote={review.setNote}
                  onDiff={setDiffCase}
                  onRepeat={onRepeat}
                  onRetry={onRetry}
                  onUseSetup={onUseSetup}
                />
              </div>
            );
          })}
        </div>
        {rows.length === 0 ? (
          <p className="muted results-empty">
            {isOnlyDiff ? 'Every row has the same output in every column.' : 'No cases in these results.'}
          </p>
        ) : null}
      </div>
      {diffRow ? (
        <CellDiffDialog
          caseId={diffRow.id}
          columns={data.columns}
          outputs={data.columns.map((c) => {
            const r = shownRun(runs, diffRow.id, c.id);
            return r?.status === 'succeeded' ? (r.outputs[0] ?? '') : undefined;
          })}
          onClose={() => setDiffCase(undefined)}
        />
      ) : null}
    </div>
  );
}
