import { rename, rm } from 'node:fs/promises';
import type { HistorySummary } from '../../../shared/api';
import { writeInChunks, type BackgroundWriter } from './background-writer';
import { indexSummary } from './history-records';

/** Below this the log is never compacted. */
const MIN_COMPACT_BYTES = 64 * 1024;

/** The log is compacted when it is this many times the size of its live lines (finish records add ~30%). */
const COMPACT_RATIO = 2;

/** On close, a log this much larger than its live lines is compacted, so the next open reads one line per run. */
const CLOSE_COMPACT_RATIO = 1.1;

/** Keeps the index log small: tracks its size against its live lines and rewrites it when it has grown. */
export interface Compactor {
  /** A line of this many bytes was appended to the log. */
  appended(bytes: number): void;
  /** The live lines grew (a run started) or shrank (a run was deleted) by this many bytes. */
  changeLive(bytes: number): void;
  /** Queues a compaction when the log has grown enough (or now, when forced). */
  maybeCompact(force?: boolean): void;
  /** Queues the compaction a close warrants. */
  beforeClose(): void;
  readonly stats: { logBytes: number; liveBytes: number; compactions: number };
}

/** Creates the compactor of one history folder; its jobs run on the history's background writer. */
export const createCompactor = (options: {
  logPath: string;
  /** The runs, in start order. */
  rows: ReadonlyMap<string, { s: HistorySummary }>;
  /** Runs whose deletion is recorded: the only ones whose files a compaction may remove. */
  deletedIds: Set<string>;
  entryPath: (id: string) => string;
  writer: BackgroundWriter;
  /** False while damaged lines could not be copied aside: a compaction would drop them. */
  canCompact: boolean;
  logBytes: number;
  liveBytes: number;
}): Compactor => {
  const { logPath, rows, deletedIds, entryPath, writer } = options;
  let { logBytes, liveBytes } = options;
  let compactions = 0;
  let isQueued = false;

  /**
   * Rewrites the log as one `e` line per run, a chunk at a time so the service is never blocked for long. Records
   * queued meanwhile are appended after the new file replaces the old one; replaying them is idempotent.
   */
  const compactJob = async () => {
    try {
      const ids = [...rows.keys()];
      const written = await writeInChunks(`${logPath}.tmp`, ids.length, (i) => {
        const row = rows.get(ids[i]!);
        return row ? `${JSON.stringify({ t: 'e', s: indexSummary(row.s) })}\n` : '';
      });
      // Leftover files of deleted runs go before the log that records their deletion is replaced; a file that no
      // line lists is never removed here (its line may have been damaged: the next open rebuilds it).
      for (const id of [...deletedIds]) {
        if (writer.pending(entryPath(id)) !== undefined) continue;
        await rm(entryPath(id), { force: true });
        await rm(`${entryPath(id)}.tmp`, { force: true });
        deletedIds.delete(id);
      }
      await rename(`${logPath}.tmp`, logPath);
      logBytes = written;
      liveBytes = written;
      compactions++;
    } finally {
      isQueued = false;
    }
  };

  const maybeCompact = (force = false) => {
    if (!options.canCompact || isQueued) return;
    if (!force && !(logBytes > MIN_COMPACT_BYTES && logBytes > COMPACT_RATIO * liveBytes)) return;
    isQueued = true;
    writer.job(compactJob);
  };

  return {
    appended(bytes) {
      logBytes += bytes;
    },
    changeLive(bytes) {
      liveBytes += bytes;
    },
    maybeCompact,
    beforeClose() {
      if (logBytes > MIN_COMPACT_BYTES && logBytes > CLOSE_COMPACT_RATIO * liveBytes) maybeCompact(true);
    },
    get stats() {
      return { logBytes, liveBytes, compactions };
    },
  };
};
