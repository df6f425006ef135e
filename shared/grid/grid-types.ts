/**
 * The grid's vocabulary: columns (setups), cells (case × column × repeat), what running a cell returns and what is
 * kept of it. Plain data only, so a grid can be persisted, reloaded after a crash, exported and imported.
 */
import type { CompletionParams } from '../params';
import type { AppError } from '../result';
import type { FinishReason, RunMetrics, Usage } from '../run-events';

/** One column of the grid: a setup (a preset or the editor's current state). Never holds a key or a price. */
export interface GridColumn {
  /** Stable across sessions and machines (a preset id, or file and position): part of every cell key. */
  id: string;
  label: string;
  /** The parameters; `params.prompt` is the prompt template, filled per case. */
  params: CompletionParams;
  extraBody?: Record<string, unknown>;
  /** The connection profile the column runs on (the app resolves it; the key stays in main). */
  profileId?: string;
  /** The profile's name, for reports. */
  profileName?: string;
}

/** One cell: a case run on a column, the `repeat`-th time (0 for the first run). */
export interface GridCell {
  /** `caseId|columnId|repeat`, URL-encoded parts: the same cell always has the same key. */
  key: string;
  caseId: string;
  columnId: string;
  repeat: number;
}

/** What one run of a cell produced (as much as is known when it failed). */
export interface CellRun {
  /** The exact JSON body sent. */
  request?: Record<string, unknown>;
  /** The model the server reports having used (it can differ from the one asked for, e.g. behind an alias). */
  model?: string;
  /** The server's `system_fingerprint`, when it sent one. */
  systemFingerprint?: string;
  /** Output text per choice. */
  outputs: string[];
  finishReasons: (FinishReason | null)[];
  usage?: Usage;
  metrics?: RunMetrics;
}

/** What the injected runCell returns. `rate_limited` makes the scheduler back the whole endpoint off and retry. */
export type CellOutcome =
  | ({ status: 'succeeded' } & CellRun)
  | ({ status: 'failed'; error: AppError } & CellRun)
  | { status: 'rate_limited'; error: AppError; retryAfterMs?: number }
  | { status: 'cancelled' };

/** A finished cell as the grid keeps, persists and exports it. */
export interface CellResult extends CellRun {
  key: string;
  caseId: string;
  columnId: string;
  repeat: number;
  status: 'succeeded' | 'failed';
  error?: AppError;
  /** Wall-clock ms (epoch) when the cell's last attempt started and when it ended. */
  startedAt: number;
  endedAt: number;
  /** Cost of the run, from the injected cost function (undefined when it has no price). */
  cost?: number;
}

/** Where a cell is. `pending` includes cells stopped mid-run: they have not finished, so they run again. */
export type CellState = 'pending' | 'running' | 'succeeded' | 'failed';

/** Time, injected: `now()` in epoch ms and an abortable sleep (resolves early, without throwing, on abort). */
export interface GridClock {
  now(): number;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

/** How far a grid is. */
export interface GridProgress {
  total: number;
  /** Cells that ran successfully. */
  done: number;
  failed: number;
  running: number;
  /** Cells not finished yet (pending and running). */
  remaining: number;
  /** Time spent running, summed over runs (a stopped grid's clock does not tick). */
  elapsedMs: number;
  /** Estimated time to finish at the rate so far; undefined before the first cell of this session ends. */
  etaMs?: number;
  /** Sum of the cells' costs; undefined when no cell has a cost. */
  cost?: number;
  isRunning: boolean;
}

/** What the scheduler reports as it goes (the app records history and persists the grid from these). */
export type GridEvent =
  | { type: 'cell-started'; cell: GridCell; at: number }
  | { type: 'cell-finished'; result: CellResult }
  | { type: 'cell-requeued'; cell: GridCell; reason: 'stopped' | 'rate_limited' }
  | { type: 'backoff'; endpoint: string; until: number }
  | { type: 'idle'; progress: GridProgress };

/** Options of createGridScheduler. */
export interface GridSchedulerOptions {
  /** The cells to run, in order (a whole grid or one shard). */
  cells: readonly GridCell[];
  runCell: (cell: GridCell, signal: AbortSignal) => Promise<CellOutcome>;
  clock: GridClock;
  /** The endpoint a cell runs on: cells of one endpoint share its concurrency limit and its backoff. */
  endpointOf?: (cell: GridCell) => string;
  /** Most cells running at once per endpoint. */
  concurrency: number | ((endpoint: string) => number);
  /** The cost of a finished run, when its price is known. */
  cost?: (cell: GridCell, run: CellRun) => number | undefined;
  /** Results of an earlier session (persisted, or imported): those cells count as finished. */
  restore?: Iterable<CellResult>;
  /** How often one cell may be sent back after a 429 before it fails (default 5). */
  maxRateLimitRetries?: number;
  onEvent?: (event: GridEvent) => void;
}
