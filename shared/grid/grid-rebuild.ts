/**
 * Rebuilds a grid's finished cells from history after a restart: every cell's run is recorded there as it starts
 * and ends, tagged with the grid id and cell key, so what finished is known without any other record. A cell whose
 * latest run was stopped, interrupted by the crash, still marked running, or refused with a rate limit has not
 * finished: it runs again on Resume. Everything else keeps its latest run's result.
 */
import type { HistoryEntry } from '../api';
import { resultOf, runOf } from './cell-outcome';
import type { CellResult, GridCell } from './grid-types';
import { outcomeOfRun } from './run-outcome';

/** The part of a history entry the rebuild reads. */
export type GridHistoryEntry = Pick<
  HistoryEntry,
  | 'grid'
  | 'startedAt'
  | 'status'
  | 'outputs'
  | 'choices'
  | 'usage'
  | 'metrics'
  | 'error'
  | 'request'
  | 'durationMs'
>;

/** Whether the latest run of a cell finished it (a 429 sends the cell back to the queue, so it did not). */
const isFinished = (e: GridHistoryEntry): boolean =>
  e.status === 'done' || (e.status === 'error' && e.error?.kind !== 'rate_limited');

/** The result a finished run gives its cell: the same mapping as a live cell's (run-outcome.ts). */
export const resultOfEntry = (cell: GridCell, e: GridHistoryEntry): CellResult => {
  const outcome = outcomeOfRun(
    {
      status: e.status === 'done' ? 'done' : 'error',
      outputs: e.outputs,
      ...(e.choices ? { choices: e.choices } : {}),
      ...(e.usage ? { usage: e.usage } : {}),
      ...(e.metrics ? { metrics: e.metrics } : {}),
      ...(e.error ? { error: e.error } : {}),
      request: e.request,
    },
    e.startedAt,
  );
  // A rate-limited run never gets here (isFinished), so the outcome is a succeeded or failed one.
  const finished = outcome.status === 'succeeded' || outcome.status === 'failed' ? outcome : undefined;
  const run = finished ? runOf(finished) : { outputs: [], finishReasons: [] };
  const endedAt = e.startedAt + (e.durationMs ?? e.metrics?.durationMs ?? 0);
  return resultOf(
    cell,
    finished ?? { status: 'failed', error: { kind: 'protocol', message: 'not finished' }, ...run },
    run,
    {
      startedAt: e.startedAt,
      endedAt,
      cost: undefined,
    },
  );
};

/**
 * The finished cells of grid `gridId` among `entries` (any order, other runs ignored): each cell's latest run, when
 * that run finished it. `cells` are the grid's cells; a run tagged with a key outside them is ignored.
 */
export const rebuildGridResults = (
  gridId: string,
  cells: readonly GridCell[],
  entries: Iterable<GridHistoryEntry>,
): CellResult[] => {
  const latest = new Map<string, GridHistoryEntry>();
  for (const e of entries) {
    if (e.grid?.gridId !== gridId) continue;
    const seen = latest.get(e.grid.cellKey);
    if (!seen || seen.startedAt <= e.startedAt) latest.set(e.grid.cellKey, e);
  }
  const results: CellResult[] = [];
  for (const cell of cells) {
    const e = latest.get(cell.key);
    if (e && isFinished(e)) results.push(resultOfEntry(cell, e));
  }
  return results;
};
