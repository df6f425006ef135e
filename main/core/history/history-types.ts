import type { HistoryStore } from '../ports';

/** Options of createHistoryStore. */
export interface HistoryStoreOptions {
  /** The history folder (created if missing): `history.jsonl`, `history-search.txt`, `runs/<id>.json`. */
  dir: string;
  /** Names the file damaged index lines are copied to (`history.corrupt-<time>.jsonl`); entries carry their own times. */
  now?: () => number;
  /** Most runs kept until setRetention says otherwise. */
  maxRuns?: number;
  /** Hears background write failures (a full disk is reported, never thrown into a run). */
  onError?: (error: unknown) => void;
}

/** Counters for tests, benchmarks and diagnostics. */
export interface HistoryStats {
  runs: number;
  corruptLines: number;
  unreadableEntries: number;
  logBytes: number;
  liveBytes: number;
  compactions: number;
  writeFailures: number;
}

/** The file-backed HistoryStore, plus what tests and benchmarks need. */
export interface FileHistoryStore extends HistoryStore {
  stats(): HistoryStats;
  /** Waits for every queued write (close() does this too). */
  flush(): Promise<void>;
  /** Compacts now, whatever the log size, and waits for it. */
  compact(): Promise<void>;
}
