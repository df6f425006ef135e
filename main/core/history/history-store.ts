import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HistoryEntry, HistoryPage, HistorySummary } from '../../../shared/api';
import type { HistoryEnd, HistoryStore } from '../ports';
import { createBackgroundWriter } from './background-writer';
import { toCsv, toJsonl } from './history-export';
import {
  asIndexRecord,
  asStoredEntry,
  preview,
  RUN_ID,
  summarize,
  type IndexRecord,
} from './history-records';
import { createSearchIndex } from './search-index';

/** Options of createHistoryStore. */
export interface HistoryStoreOptions {
  /** The history folder (created if missing): `history.jsonl`, `history-search.txt`, `runs/<id>.json`. */
  dir: string;
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
  /** Queues a compaction now, whatever the log size. */
  compact(): Promise<void>;
}

interface Row {
  s: HistorySummary;
  /** Length of the row's `e` line; their sum estimates a compacted log. */
  bytes: number;
  /** The full entry while its run is going (later reads come from its file). */
  live?: HistoryEntry;
}

/** Below this the log is never compacted. */
const MIN_COMPACT_BYTES = 64 * 1024;

/**
 * Run history as an append-only index log of small records plus one file per run, all written in the background
 * (issue 5 §6–7). Recording a run is a few in-memory updates; opening reads only the index (a few hundred bytes a
 * run); an entry is read from its file when asked for. A run with a start but no finish reads back `interrupted`,
 * with the outputs of its last progress checkpoint. Not electron-store: that rewrites one big file on every set.
 */
export const createHistoryStore = (options: HistoryStoreOptions): FileHistoryStore => {
  const dir = options.dir;
  const runsDir = join(dir, 'runs');
  const logPath = join(dir, 'history.jsonl');
  mkdirSync(runsDir, { recursive: true });
  const writer = createBackgroundWriter(options.onError);
  const search = createSearchIndex(join(dir, 'history-search.txt'), writer);
  const rows = new Map<string, Row>();
  let maxRuns = Math.max(0, options.maxRuns ?? 10_000);
  let corruptLines = 0;
  let unreadableEntries = 0;
  let logBytes = 0;
  let liveBytes = 0;
  let compactions = 0;
  let isCompactionQueued = false;

  const entryPath = (id: string) => join(runsDir, `${id}.json`);

  const apply = (r: IndexRecord, lineBytes: number) => {
    if (r.t === 'e') {
      const old = rows.get(r.s.id);
      liveBytes += lineBytes - (old?.bytes ?? 0);
      rows.set(r.s.id, { s: r.s, bytes: lineBytes });
      return;
    }
    const row = rows.get(r.id);
    if (!row) return;
    if (r.t === 'p' && row.s.status === 'running') row.s.outputPreview = r.o;
    else if (r.t === 'f') {
      row.s.status = r.st;
      row.s.outputPreview = r.o;
      if (r.d !== undefined) row.s.durationMs = r.d;
    } else if (r.t === '*') row.s.starred = r.v;
    else if (r.t === 'x') {
      rows.delete(r.id);
      liveBytes -= row.bytes;
    }
  };

  // Open: replay the log. A damaged line is skipped and counted, never fatal.
  if (existsSync(logPath)) {
    const text = readFileSync(logPath, 'utf8');
    logBytes = text.length;
    let pos = 0;
    while (pos < text.length) {
      let end = text.indexOf('\n', pos);
      if (end < 0) end = text.length;
      if (end > pos) {
        let record: IndexRecord | undefined;
        try {
          record = asIndexRecord(JSON.parse(text.slice(pos, end)));
        } catch {
          record = undefined;
        }
        if (record) apply(record, end - pos + 1);
        else corruptLines++;
      }
      pos = end + 1;
    }
    // A crash can leave a half-written last line; start appends on a fresh line so they are not glued to it.
    if (text.length > 0 && !text.endsWith('\n')) appendFileSync(logPath, '\n');
  }
  for (const row of rows.values()) if (row.s.status === 'running') row.s.status = 'interrupted';

  const appendRecord = (r: IndexRecord): number => {
    const line = `${JSON.stringify(r)}\n`;
    logBytes += line.length;
    writer.append(logPath, line);
    maybeCompact();
    return line.length;
  };

  const compactJob = async () => {
    try {
      const snapshot = [...rows.values()].map((row) => `${JSON.stringify({ t: 'e', s: row.s })}\n`).join('');
      // Everything queued for the log so far is in the snapshot; later records append to the new file.
      writer.discardAppends(logPath);
      logBytes = snapshot.length;
      liveBytes = logBytes;
      await writeFile(`${logPath}.tmp`, snapshot);
      await rename(`${logPath}.tmp`, logPath);
      compactions++;
      // Files of runs that are no longer listed (deleted, or a crash between the two writes) go too.
      for (const name of await readdir(runsDir)) {
        const id = name.replace(/\.json(\.tmp)?$/, '');
        if (!rows.has(id) && writer.pending(join(runsDir, `${id}.json`)) === undefined) {
          await rm(join(runsDir, name), { force: true });
        }
      }
    } finally {
      isCompactionQueued = false;
    }
  };

  function maybeCompact(force = false) {
    if (!isCompactionQueued && (force || (logBytes > MIN_COMPACT_BYTES && logBytes > 2 * liveBytes))) {
      isCompactionQueued = true;
      writer.job(compactJob);
    }
    search.maybeCompact(() => rows.keys(), rows.size);
  }

  const remove = (id: string): boolean => {
    const row = rows.get(id);
    if (!row) return false;
    rows.delete(id);
    liveBytes -= row.bytes;
    search.remove(id);
    writer.put(entryPath(id), null);
    appendRecord({ t: 'x', id });
    return true;
  };

  /** Oldest unstarred runs go first, then oldest starred ones; running runs stay. */
  const enforceRetention = () => {
    let excess = rows.size - maxRuns;
    if (excess <= 0) return;
    for (const isStarredPass of [false, true]) {
      for (const [id, row] of rows) {
        if (excess <= 0) return;
        if (row.s.starred === isStarredPass && row.s.status !== 'running' && remove(id)) excess--;
      }
    }
  };

  const readEntry = (row: Row): HistoryEntry | undefined => {
    if (row.live) return { ...row.live, ...row.s };
    const path = entryPath(row.s.id);
    try {
      const pending = writer.pending(path);
      const text = typeof pending === 'string' ? pending : readFileSync(path, 'utf8');
      const entry = asStoredEntry(JSON.parse(text));
      if (!entry) throw new Error('damaged entry');
      // The summary is authoritative for the fields it holds (stars and status change without rewriting the file).
      return { ...entry, ...row.s };
    } catch {
      unreadableEntries++;
      return undefined;
    }
  };

  enforceRetention();
  maybeCompact();
  search.preload();

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
      const s = summarize(live);
      const row: Row = { s, bytes: 0, live };
      rows.set(s.id, row);
      row.bytes = appendRecord({ t: 'e', s });
      liveBytes += row.bytes;
      writer.put(entryPath(s.id), JSON.stringify(live));
      search.add(s.id, entry.params.prompt);
      enforceRetention();
    },
    progress(id, outputs) {
      const row = rows.get(id);
      if (!row?.live || row.s.status !== 'running') return;
      row.live.outputs = [...outputs];
      writer.put(entryPath(id), JSON.stringify(row.live));
      const o = preview(outputs[0]);
      if (o !== row.s.outputPreview) {
        row.s.outputPreview = o;
        appendRecord({ t: 'p', id, o });
      }
    },
    finish(id, end: HistoryEnd) {
      const row = rows.get(id);
      if (!row?.live) return;
      const done: HistoryEntry = { ...row.live, ...end };
      row.live = undefined;
      row.s = { ...summarize(done), starred: row.s.starred };
      writer.put(entryPath(id), JSON.stringify(done));
      appendRecord({
        t: 'f',
        id,
        st: row.s.status,
        o: row.s.outputPreview,
        ...(row.s.durationMs !== undefined ? { d: row.s.durationMs } : {}),
      });
    },
    list(query): HistoryPage {
      const needle = query.search?.trim().toLowerCase() ?? '';
      const inPrompt = needle ? search.match(needle, (id) => rows.has(id)) : undefined;
      const all = [...rows.values()];
      const items: HistorySummary[] = [];
      let total = 0;
      for (let i = all.length - 1; i >= 0; i--) {
        const s = all[i]!.s;
        if (query.starred !== undefined && s.starred !== query.starred) continue;
        if (
          inPrompt &&
          !inPrompt.has(s.id) &&
          !s.model.toLowerCase().includes(needle) &&
          !(s.presetName ?? '').toLowerCase().includes(needle)
        ) {
          continue;
        }
        if (total++ >= query.offset && items.length < query.limit) items.push({ ...s });
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
      appendRecord({ t: '*', id, v: starred });
      return { ...row.s };
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
      await writer.idle();
    },
    flush: () => writer.idle(),
    async compact() {
      maybeCompact(true);
      await writer.idle();
    },
    stats: () => ({
      runs: rows.size,
      corruptLines,
      unreadableEntries,
      logBytes,
      liveBytes,
      compactions,
      writeFailures: writer.failures.count,
    }),
  };
};

/** Lists the run files on disk (tests use it to check deletes reach the disk). */
export const listRunFiles = (dir: string): string[] =>
  existsSync(join(dir, 'runs')) ? readdirSync(join(dir, 'runs')).filter((n) => n.endsWith('.json')) : [];

/** Size of the index log in bytes (benchmarks print it). */
export const logFileBytes = (dir: string): number => {
  const p = join(dir, 'history.jsonl');
  return existsSync(p) ? statSync(p).size : 0;
};
