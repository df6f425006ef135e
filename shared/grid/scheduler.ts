/**
 * Runs a grid's cells through an injected `runCell`, at most `concurrency` at a time per endpoint, backing the
 * whole endpoint off on a 429 and retrying the cell. Plain TypeScript with time injected, so the same object drives
 * the app's grid and the command line, and tests run it on a fake clock.
 *
 * `run()` runs every cell that has not finished: the first run, a resume after `stop()`, and a resume after a
 * reload (cells restored from `restore` are not run again) are the same call. Failed cells are finished; they run
 * again only through `retryFailed()`.
 */
import { cellOf } from './cells';
import { resultOf, runOf } from './cell-outcome';
import { determinismOf, type DeterminismMeter } from './determinism';
import { EndpointLane } from './endpoint-lane';
import type {
  CellOutcome,
  CellResult,
  CellRun,
  CellState,
  GridCell,
  GridEvent,
  GridProgress,
  GridSchedulerOptions,
} from './grid-types';

export type { GridEvent, GridSchedulerOptions } from './grid-types';

interface Entry {
  cell: GridCell;
  state: CellState;
  result?: CellResult;
  lane: EndpointLane<Entry>;
  rateLimitRetries: number;
}

/** Runs a grid; see the file comment for what run, stop and retryFailed do. */
export const createGridScheduler = (options: GridSchedulerOptions) => {
  const { clock, runCell } = options;
  const maxRetries = options.maxRateLimitRetries ?? 5;
  const endpointOf = options.endpointOf ?? (() => 'default');
  const limitOf = (name: string): number => {
    const raw = typeof options.concurrency === 'function' ? options.concurrency(name) : options.concurrency;
    return Number.isFinite(raw) ? Math.max(1, Math.floor(raw)) : 1;
  };
  const emit = (event: GridEvent) => {
    try {
      options.onEvent?.(event);
    } catch {
      // A failing listener must not stop the grid; the state here stays the truth.
    }
  };

  const lanes = new Map<string, EndpointLane<Entry>>();
  const entries = new Map<string, Entry>();
  const counts: Record<CellState, number> = { pending: 0, running: 0, succeeded: 0, failed: 0 };
  let totalCost = 0;
  let hasCost = false;
  let elapsedBefore = 0;
  let finishedThisSession = 0;
  let runStartedAt = 0;
  let controller: AbortController | undefined;
  let current: Promise<GridProgress> | undefined;
  let finishRun: ((p: GridProgress) => void) | undefined;

  const costOf = (cell: GridCell, run: CellRun): number | undefined => {
    try {
      return options.cost?.(cell, run);
    } catch {
      return undefined; // a price table that cannot price this run leaves its cost unknown
    }
  };
  const setState = (entry: Entry, state: CellState) => {
    counts[entry.state]--;
    counts[state]++;
    entry.state = state;
  };
  const laneOf = (cell: GridCell) => {
    const name = endpointOf(cell);
    let lane = lanes.get(name);
    if (!lane) lanes.set(name, (lane = new EndpointLane<Entry>(name)));
    return lane;
  };
  const add = (cell: GridCell): Entry => {
    const entry: Entry = { cell, state: 'pending', lane: laneOf(cell), rateLimitRetries: 0 };
    entries.set(cell.key, entry);
    counts.pending++;
    if (controller) entry.lane.push(entry);
    return entry;
  };
  const finish = (entry: Entry, result: CellResult, isRestored = false) => {
    entry.result = result;
    setState(entry, result.status);
    if (result.cost !== undefined && Number.isFinite(result.cost)) {
      totalCost += result.cost;
      hasCost = true;
    }
    if (!isRestored) finishedThisSession++;
  };

  for (const cell of options.cells) if (!entries.has(cell.key)) add(cell);
  for (const result of options.restore ?? []) {
    const entry = entries.get(result.key);
    if (entry && entry.state === 'pending') finish(entry, result, true);
  }

  const progress = (): GridProgress => {
    const elapsedMs = elapsedBefore + (controller ? clock.now() - runStartedAt : 0);
    const remaining = counts.pending + counts.running;
    const p: GridProgress = {
      total: entries.size,
      done: counts.succeeded,
      failed: counts.failed,
      running: counts.running,
      remaining,
      elapsedMs,
      isRunning: controller !== undefined,
    };
    if (finishedThisSession > 0 && elapsedMs > 0)
      p.etaMs = Math.round((remaining * elapsedMs) / finishedThisSession);
    if (hasCost) p.cost = totalCost;
    return p;
  };

  const settle = () => {
    if (!controller) return;
    let isBusy = false;
    for (const lane of lanes.values())
      if (lane.active > 0 || (!controller.signal.aborted && lane.size > 0)) isBusy = true;
    if (isBusy) return;
    elapsedBefore += clock.now() - runStartedAt;
    controller = undefined;
    for (const lane of lanes.values()) lane.clear();
    const done = progress();
    const resolve = finishRun;
    current = finishRun = undefined;
    emit({ type: 'idle', progress: done });
    resolve?.(done);
  };

  const pump = () => {
    const run = controller;
    if (!run || run.signal.aborted) return;
    for (const lane of lanes.values()) {
      if (lane.size === 0) continue;
      const now = clock.now();
      if (now < lane.pausedUntil) {
        if (!lane.isWaking) {
          lane.isWaking = true;
          void clock.sleep(lane.pausedUntil - now, run.signal).then(() => {
            lane.isWaking = false;
            pump();
            settle();
          });
        }
        continue;
      }
      const limit = limitOf(lane.name);
      while (lane.active < limit && lane.size > 0) {
        const entry = lane.shift();
        if (entry && entry.state === 'pending') void start(entry, run.signal);
      }
    }
  };

  const start = async (entry: Entry, signal: AbortSignal) => {
    const { cell, lane } = entry;
    setState(entry, 'running');
    lane.active++;
    const startedAt = clock.now();
    emit({ type: 'cell-started', cell, at: startedAt });
    let outcome: CellOutcome;
    try {
      outcome = await runCell(cell, signal);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      outcome = { status: 'failed', error: { kind: 'protocol', message }, outputs: [], finishReasons: [] };
    }
    lane.active--;
    const endedAt = clock.now();
    if (outcome.status === 'cancelled' || (signal.aborted && outcome.status !== 'succeeded')) {
      // Stopped before it finished: it has not run, so the next run() picks it up again.
      setState(entry, 'pending');
      emit({ type: 'cell-requeued', cell, reason: 'stopped' });
    } else if (outcome.status === 'rate_limited' && entry.rateLimitRetries < maxRetries) {
      entry.rateLimitRetries++;
      setState(entry, 'pending');
      lane.pushFront(entry);
      emit({ type: 'backoff', endpoint: lane.name, until: lane.backOff(endedAt, outcome.retryAfterMs) });
      emit({ type: 'cell-requeued', cell, reason: 'rate_limited' });
    } else {
      if (outcome.status === 'succeeded') lane.recovered();
      const run = runOf(outcome);
      const result = resultOf(cell, outcome, run, { startedAt, endedAt, cost: costOf(cell, run) });
      entry.rateLimitRetries = 0;
      finish(entry, result);
      emit({ type: 'cell-finished', result });
    }
    pump();
    settle();
  };

  const run = (): Promise<GridProgress> => {
    if (current) return current;
    controller = new AbortController();
    runStartedAt = clock.now();
    const running = new Promise<GridProgress>((resolve) => (finishRun = resolve));
    current = running;
    for (const entry of entries.values()) if (entry.state === 'pending') entry.lane.push(entry);
    pump();
    settle();
    return running;
  };

  const pairs = (caseId: string, columnId?: string) => {
    const max = new Map<string, { columnId: string; repeat: number }>();
    for (const { cell } of entries.values()) {
      if (cell.caseId !== caseId || (columnId !== undefined && cell.columnId !== columnId)) continue;
      const seen = max.get(cell.columnId);
      if (!seen || seen.repeat < cell.repeat)
        max.set(cell.columnId, { columnId: cell.columnId, repeat: cell.repeat });
    }
    return [...max.values()];
  };

  return {
    run,
    /** Stops the grid: running cells are aborted and become pending again; resolves when all have settled. */
    stop(): Promise<GridProgress> {
      if (!controller) return Promise.resolve(progress());
      const running = current ?? Promise.resolve(progress());
      controller.abort();
      settle();
      return running;
    },
    /** Runs the failed cells (all, or those keys) again, alone or alongside a running grid. */
    retryFailed(keys?: Iterable<string>): Promise<GridProgress> {
      const wanted = keys ? new Set(keys) : undefined;
      for (const entry of entries.values()) {
        if (entry.state !== 'failed' || (wanted && !wanted.has(entry.cell.key))) continue;
        entry.result = undefined;
        setState(entry, 'pending');
        if (controller) entry.lane.push(entry);
      }
      pump();
      return run();
    },
    /**
     * Runs a cell (or every column of a case) `k` more times, then reports how many distinct outputs all its runs
     * gave: the determinism meter.
     */
    async repeat(target: { caseId: string; columnId?: string }, k: number): Promise<DeterminismMeter[]> {
      const times = Math.max(0, Math.min(100, Math.floor(k)));
      const found = pairs(target.caseId, target.columnId);
      for (const { columnId, repeat } of found) {
        for (let r = 1; r <= times; r++) add(cellOf(target.caseId, columnId, repeat + r));
      }
      pump();
      await run();
      const results = [...entries.values()].flatMap((e) => (e.result ? [e.result] : []));
      return found.map(({ columnId }) => determinismOf(results, target.caseId, columnId));
    },
    progress,
    /** Every cell (added repeats included), in the order they were planned. */
    cells: (): GridCell[] => [...entries.values()].map((e) => e.cell),
    stateOf: (key: string): CellState | undefined => entries.get(key)?.state,
    resultOf: (key: string): CellResult | undefined => entries.get(key)?.result,
    /** Finished cells, in plan order: what a persisted grid or an export holds. */
    results: (): CellResult[] => [...entries.values()].flatMap((e) => (e.result ? [e.result] : [])),
  };
};

/** The scheduler's public face. */
export type GridScheduler = ReturnType<typeof createGridScheduler>;
