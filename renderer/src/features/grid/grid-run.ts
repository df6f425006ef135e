/**
 * One grid run in the page: the shared scheduler (per-endpoint limit, endpoint-wide backoff on 429, stop/resume,
 * retry, repeats) whose cells are runs of the page's one runs store (docs/architecture.md: one run model), so each
 * cell is recorded in history as it starts and ends, tagged with the grid and its cell. The plan is stored before
 * the first cell runs, so a restart can rebuild what finished from history and resume the rest.
 */
import type { PlaygroundApi } from '../../../../shared/api';
import { cellRunRequest, planGridCells, planIndex, type GridPlan } from '../../../../shared/grid/grid-plan';
import type {
  CellOutcome,
  CellResult,
  CellRun,
  GridCell,
  GridProgress,
} from '../../../../shared/grid/grid-types';
import { outcomeOfRun } from '../../../../shared/grid/run-outcome';
import { createGridScheduler, type GridScheduler } from '../../../../shared/grid/scheduler';
import type { ImportedGrid } from '../../../../shared/grid/result-line';
import { hasEnded, type RunView } from '../../state/run-view';
import type { RunsStore } from '../../state/runs-store';
import { createStore, type Store } from '../../state/tiny-store';

/** What the grid's view draws; a new object whenever something it shows changed (at most once a frame). */
export interface GridView {
  data: ImportedGrid;
  running: ReadonlySet<string>;
  progress: GridProgress;
  /** A failure to store the plan or its repeats (the grid still runs; only a resume after a restart is at risk). */
  saveError?: string;
}

/** What a grid run needs from the page. */
export interface GridRunDeps {
  api: Pick<PlaygroundApi, 'saveGrid'>;
  runs: RunsStore;
  /** The endpoint (profile base URL origin) a profile's cells share their limit and backoff on. */
  endpointOf: (profileId: string | undefined) => string;
  /** Most cells running at once per endpoint (read at every decision, so a settings change applies at once). */
  concurrency: () => number;
  /** Results of an earlier session (rebuilt from history): those cells do not run again. */
  restore?: readonly CellResult[];
  /** Runs a callback before the next paint (tests pass a synchronous one). */
  schedule?: (fn: () => void) => void;
  /** The cost of a finished run on a profile (undefined without a price): summed into the progress and cells. */
  costOf?: (profileId: string | undefined, run: CellRun, model: string) => number | undefined;
}

/** Runs one cell as a run of the runs store and resolves with its outcome once the run ended. */
const runCellInStore = (
  runs: RunsStore,
  index: ReturnType<typeof planIndex>,
  gridId: string,
  cell: GridCell,
  signal: AbortSignal,
): Promise<CellOutcome> =>
  new Promise((resolve) => {
    const runId = crypto.randomUUID();
    const request = cellRunRequest(index, gridId, cell, runId);
    if (!request.ok) {
      resolve({ status: 'failed', error: request.error, outputs: [], finishReasons: [] });
      return;
    }
    const onAbort = () => runs.cancel(runId);
    // The store applies events once a frame; the cell's outcome is read when its terminal state is applied.
    const off = runs.store.subscribe(() => {
      const run: RunView | undefined = runs.store.get()[runId];
      if (!run || !hasEnded(run)) return;
      off();
      signal.removeEventListener('abort', onAbort);
      const outcome = outcomeOfRun(
        { ...run, status: run.status as 'done' | 'error' | 'cancelled' },
        Date.now(),
      );
      // The result keeps what the grid shows; the run leaves the store so 2,000 cells do not stay in memory twice.
      runs.release(runId);
      resolve(outcome);
    });
    signal.addEventListener('abort', onAbort, { once: true });
    runs.start(request.value);
  });

/** A grid run: its scheduler, its plan and a store of what its view shows. */
export interface GridRun {
  plan: GridPlan;
  view: Store<GridView>;
  /** Runs every cell not finished: the first run, and Resume after a stop or a restart. */
  run: () => Promise<GridProgress>;
  stop: () => Promise<GridProgress>;
  retry: (cellKey: string) => void;
  repeat: (target: { caseId: string; columnId?: string }, times: number) => void;
  /** Stores the plan with the user's data (done before the first run, so a restart can resume it). */
  save: () => Promise<void>;
}

/** Makes a grid run of `plan`; nothing runs until `run()`. */
export function createGridRun(plan: GridPlan, deps: GridRunDeps): GridRun {
  let current = plan;
  const index = planIndex(plan);
  const running = new Set<string>();
  const schedule = deps.schedule ?? ((fn: () => void) => requestAnimationFrame(fn));
  let isQueued = false;
  let saveError: string | undefined;

  const snapshot = (): GridView => ({
    data: { cases: current.cases, columns: current.columns, results: scheduler.results() },
    running: new Set(running),
    progress: scheduler.progress(),
    ...(saveError ? { saveError } : {}),
  });
  const refresh = () => {
    if (isQueued) return;
    isQueued = true;
    schedule(() => {
      isQueued = false;
      view.set(snapshot());
    });
  };
  const scheduler: GridScheduler = createGridScheduler({
    cells: planGridCells(plan),
    runCell: (cell, signal) => runCellInStore(deps.runs, index, plan.id, cell, signal),
    clock: {
      now: () => Date.now(),
      sleep: (ms, signal) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, ms);
          signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
        }),
    },
    endpointOf: (cell) => deps.endpointOf(index.columns.get(cell.columnId)?.profileId),
    cost: (cell, run) => {
      const column = index.columns.get(cell.columnId);
      return column ? deps.costOf?.(column.profileId, run, run.model ?? column.params.model) : undefined;
    },
    concurrency: () => deps.concurrency(),
    ...(deps.restore ? { restore: deps.restore } : {}),
    onEvent: (event) => {
      if (event.type === 'cell-started') running.add(event.cell.key);
      else if (event.type === 'cell-finished') running.delete(event.result.key);
      else if (event.type === 'cell-requeued') running.delete(event.cell.key);
      refresh();
    },
  });
  const view = createStore<GridView>(snapshot());

  const save = async (next: GridPlan) => {
    current = next;
    const res = await deps.api.saveGrid(next).catch((e: unknown) => ({
      ok: false as const,
      error: { kind: 'storage' as const, message: String(e) },
    }));
    saveError = res.ok
      ? undefined
      : `The grid could not be stored, so a restart cannot resume it: ${res.error.message}`;
    refresh();
  };

  return {
    get plan() {
      return current;
    },
    view,
    run: () => {
      const done = scheduler.run();
      refresh();
      return done;
    },
    stop: () => scheduler.stop(),
    retry: (cellKey) => void scheduler.retryFailed([cellKey]),
    repeat(target, times) {
      void scheduler.repeat(target, times);
      const extraCells = scheduler
        .cells()
        .filter((c) => c.repeat > 0)
        .map(({ caseId, columnId, repeat }) => ({ caseId, columnId, repeat }));
      void save({ ...current, extraCells });
    },
    save: () => save(current),
  };
}
