import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HistoryEntry, HistoryPage, HistorySummary } from '../../../shared/api';
import type { HistoryEnd } from '../ports';
import { briefParams } from '../../../shared/params-brief';
import { createBackgroundWriter } from './background-writer';
import { createCompactor } from './history-compaction';
import { toCsv, toJsonl } from './history-export';
import {
  asStoredEntry,
  costFields,
  indexSummary,
  preview,
  RUN_ID,
  summarize,
  type IndexRecord,
  type IndexSummary,
} from './history-records';
import { openIndex, writeFailureNotice } from './history-recovery';
import type { FileHistoryStore, HistoryStoreOptions } from './history-types';
import { createSearchIndex } from './search-index';

interface Row {
  s: HistorySummary;
  /** Length of the row's `e` line; their sum estimates a compacted log. */
  bytes: number;
  /** Whether `s` holds the previews (rows read from the log get them from the run's file when first listed). */
  hasPreviews: boolean;
  /** The full entry while its run is going (later reads come from its file). */
  live?: HistoryEntry;
}

// The summary was just built by asIndexSummary and belongs to this row: completing it in place saves a copy per run.
const rowFromLog = (s: IndexSummary, bytes: number): Row => ({
  s: Object.assign(s, { promptPreview: '', outputPreview: '' }),
  bytes,
  hasPreviews: false,
});

const rowFromRun = (s: HistorySummary, bytes: number): Row => ({ s, bytes, hasPreviews: true });

/**
 * Run history as an append-only index log of small records plus one file per run, all written in the background.
 * Recording a run is a few in-memory updates; opening reads only the index (under 200 bytes a run) and the names in
 * the runs folder; an entry (and a listed row's previews) is read from its file when needed. A run with a start but
 * no finish reads back `interrupted`, with the outputs of its last progress checkpoint. Not electron-store: that
 * rewrites one big file on every set.
 */
export const createHistoryStore = (options: HistoryStoreOptions): FileHistoryStore => {
  const runsDir = join(options.dir, 'runs');
  const logPath = join(options.dir, 'history.jsonl');
  mkdirSync(runsDir, { recursive: true });
  const now = options.now ?? Date.now;
  /** What the user must be told (shown with the settings notices). */
  const notices: string[] = [];
  let isWriteFailureTold = false;
  const writer = createBackgroundWriter((error) => {
    options.onError?.(error);
    if (!isWriteFailureTold) notices.push(writeFailureNotice(options.dir, error));
    isWriteFailureTold = true;
  });
  const search = createSearchIndex(join(options.dir, 'history-search.txt'), writer);
  let maxRuns = Math.max(0, options.maxRuns ?? 10_000);
  let unreadableEntries = 0;

  // Nothing the index cannot account for is ever deleted (docs/architecture.md#data-is-sacred): runs whose line was
  // damaged come back from their files, and damaged lines are copied aside before a compaction drops them.
  const opened = openIndex({ dir: options.dir, runsDir, now: now(), rowFromLog, rowFromRun });
  const { rows, corruptLines } = opened;
  /** Runs whose deletion is recorded: the only ones whose files compaction may remove. */
  const deletedIds = opened.deleted;
  if (opened.notice) notices.push(opened.notice);
  for (const { summary, prompt } of opened.rebuilt) search.add(summary.id, prompt);

  const entryPath = (id: string) => join(runsDir, `${id}.json`);
  const { canCompact, logBytes, liveBytes } = opened;
  const compactor = createCompactor({
    logPath,
    rows,
    deletedIds,
    entryPath,
    writer,
    canCompact,
    logBytes,
    liveBytes,
  });

  const appendRecord = (r: IndexRecord): number => {
    const line = `${JSON.stringify(r)}\n`;
    compactor.appended(line.length);
    writer.append(logPath, line);
    maybeCompact();
    return line.length;
  };

  function maybeCompact(force = false) {
    compactor.maybeCompact(force);
    search.maybeCompact(() => rows.keys(), rows.size);
  }

  const remove = (id: string): boolean => {
    const row = rows.get(id);
    if (!row) return false;
    rows.delete(id);
    deletedIds.add(id);
    compactor.changeLive(-row.bytes);
    search.remove(id);
    writer.put(entryPath(id), null);
    appendRecord({ t: 'x', id });
    return true;
  };

  /** Oldest unstarred runs go first, then oldest starred ones; running runs stay. */
  const enforceRetention = () => {
    let excess = rows.size - maxRuns;
    for (const isStarredPass of [false, true]) {
      for (const [id, row] of rows) {
        if (excess <= 0) return;
        if (row.s.starred === isStarredPass && row.s.status !== 'running' && remove(id)) excess--;
      }
    }
  };

  const readStored = (id: string): HistoryEntry | undefined => {
    const path = entryPath(id);
    try {
      const pending = writer.pending(path);
      const entry = asStoredEntry(
        JSON.parse(typeof pending === 'string' ? pending : readFileSync(path, 'utf8')),
      );
      if (entry) return entry;
    } catch {
      // counted below
    }
    unreadableEntries++;
    return undefined;
  };

  // The summary is authoritative for the fields it holds (stars and status change without rewriting the file).
  const readEntry = (row: Row): HistoryEntry | undefined => {
    const entry = row.live ?? readStored(row.s.id);
    if (!entry) return undefined;
    if (!row.hasPreviews) withPreviews(row, entry);
    return { ...entry, ...row.s };
  };

  function withPreviews(row: Row, entry = row.live ?? readStored(row.s.id)): HistorySummary {
    if (row.live) {
      row.s.outputPreview = preview(row.live.outputs[0]);
    } else if (!row.hasPreviews) {
      row.s.promptPreview = preview(entry?.params.prompt);
      row.s.outputPreview = preview(entry?.outputs[0]);
      if (entry) Object.assign(row.s, { paramsBrief: briefParams(entry.params), ...costFields(entry) });
      row.hasPreviews = true;
    }
    return { ...row.s };
  }

  enforceRetention();
  // A repaired index is rewritten at once, so the next open reads it whole again.
  maybeCompact(opened.rebuilt.length > 0 || corruptLines > 0);

  const allEntries = function* () {
    for (const row of rows.values()) {
      const e = readEntry(row);
      if (e) yield e;
    }
  };

  return {
    start(entry) {
      if (maxRuns === 0 || !RUN_ID.test(entry.id) || rows.has(entry.id)) return;
      const live: HistoryEntry = { ...entry, status: 'running', starred: false, outputs: [...entry.outputs] };
      const row: Row = { s: summarize(live), bytes: 0, hasPreviews: true, live };
      rows.set(entry.id, row);
      row.bytes = appendRecord({ t: 'e', s: indexSummary(row.s) });
      compactor.changeLive(row.bytes);
      writer.put(entryPath(entry.id), JSON.stringify(live));
      search.add(entry.id, entry.params.prompt);
      enforceRetention();
    },
    progress(id, outputs) {
      const row = rows.get(id);
      if (!row?.live) return;
      row.live.outputs = [...outputs];
      writer.put(entryPath(id), JSON.stringify(row.live));
    },
    finish(id, end: HistoryEnd) {
      const row = rows.get(id);
      if (!row?.live) return;
      const done: HistoryEntry = { ...row.live, ...end, starred: row.s.starred };
      row.live = undefined;
      row.s = summarize(done);
      writer.put(entryPath(id), JSON.stringify(done));
      const d = row.s.durationMs;
      appendRecord({ t: 'f', id, st: row.s.status, ...(d !== undefined ? { d } : {}) });
    },
    list(query): HistoryPage {
      const needle = query.search?.trim().toLowerCase() ?? '';
      const inPrompt = needle ? search.match(needle, (id) => rows.has(id)) : undefined;
      const all = [...rows.values()];
      const items: HistorySummary[] = [];
      let total = 0;
      for (let i = all.length - 1; i >= 0; i--) {
        const row = all[i]!;
        const s = row.s;
        if (query.starred !== undefined && s.starred !== query.starred) continue;
        if (query.gridId !== undefined && s.grid?.gridId !== query.gridId) continue;
        const isHit =
          !inPrompt ||
          inPrompt.has(s.id) ||
          s.model.toLowerCase().includes(needle) ||
          (s.presetName ?? '').toLowerCase().includes(needle);
        if (!isHit) continue;
        if (total++ >= query.offset && items.length < query.limit) items.push(withPreviews(row));
      }
      return { total, items };
    },
    get(id) {
      const row = rows.get(id);
      return row ? readEntry(row) : undefined;
    },
    star(id, starred) {
      const row = rows.get(id);
      if (!row) return undefined;
      row.s.starred = starred;
      if (row.live) row.live.starred = starred;
      appendRecord({ t: '*', id, v: starred });
      return withPreviews(row);
    },
    delete: remove,
    export(format) {
      return format === 'csv' ? toCsv(allEntries()) : toJsonl(allEntries());
    },
    setRetention(n) {
      maxRuns = Math.max(0, Math.floor(n));
      enforceRetention();
    },
    async close() {
      compactor.beforeClose();
      await writer.idle();
    },
    flush: () => writer.idle(),
    async compact() {
      maybeCompact(true);
      await writer.idle();
    },
    notices: () => [...notices],
    stats: () => ({
      runs: rows.size,
      corruptLines,
      unreadableEntries,
      ...compactor.stats,
      writeFailures: writer.failures.count,
    }),
  };
};
