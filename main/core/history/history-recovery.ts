import { appendFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HistorySummary } from '../../../shared/api';
import { briefParams } from '../../../shared/params-brief';
import { fileStamp } from '../stores/quarantine';
import {
  applyRecord,
  asIndexSummary,
  asStoredEntry,
  indexSummary,
  costFields,
  preview,
  replayLog,
  RUN_ID,
  summarize,
  type IndexRecord,
  type IndexSummary,
} from './history-records';

/** A run rebuilt from its file because no intact index line listed it. */
export interface RebuiltRun {
  summary: HistorySummary;
  prompt: string;
}

/** What opening found beyond the index. */
export interface Recovery {
  runs: RebuiltRun[];
  /** Run files that could not be read: left where they are, never deleted. */
  unreadable: number;
}

const readRun = (path: string) => {
  try {
    return asStoredEntry(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    return undefined;
  }
};

/**
 * Rebuilds the runs whose file exists but whose index line was damaged or never written (a crash between the two
 * writes), applying the finish and star records the log still holds for them. A run whose deletion the log records
 * is not brought back; a file that cannot be read is counted and left alone (docs/architecture.md#data-is-sacred).
 */
export const rebuildUnlistedRuns = (
  runsDir: string,
  isAccounted: (id: string) => boolean,
  orphans: ReadonlyMap<string, readonly IndexRecord[]>,
): Recovery => {
  const runs: RebuiltRun[] = [];
  let unreadable = 0;
  for (const name of readdirSync(runsDir)) {
    const id = name.endsWith('.json') ? name.slice(0, -'.json'.length) : '';
    if (!RUN_ID.test(id) || isAccounted(id)) continue;
    const entry = readRun(join(runsDir, name));
    // Every field the index keeps is checked as if it came from an index line.
    const checked = entry && asIndexSummary(indexSummary(summarize(entry)));
    if (!entry || checked?.id !== id) {
      unreadable++;
      continue;
    }
    const summary: HistorySummary = {
      ...checked,
      promptPreview: preview(entry.params.prompt),
      outputPreview: preview(entry.outputs[0]),
      paramsBrief: briefParams(entry.params),
      ...costFields(entry),
    };
    for (const record of orphans.get(id) ?? []) applyRecord(summary, record);
    runs.push({ summary, prompt: entry.params.prompt });
  }
  runs.sort((a, b) => a.summary.startedAt - b.summary.startedAt);
  return { runs, unreadable };
};

/**
 * Copies damaged index lines to `history.corrupt-<time>.jsonl` beside the log, so the compaction that drops them
 * from the index loses nothing. Returns the file's path, or undefined when it could not be written (then the
 * lines must stay in the index).
 */
export const quarantineLines = (dir: string, lines: readonly string[], now: number): string | undefined => {
  const path = join(dir, `history.corrupt-${fileStamp(now)}.jsonl`);
  try {
    writeFileSync(path, lines.map((l) => `${l}\n`).join(''), { flag: 'a' });
    return path;
  } catch {
    return undefined;
  }
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The notice that tells the user what opening repaired, or undefined when nothing was wrong. */
export const recoveryNotice = (options: {
  corrupt: number;
  quarantinedTo: string | undefined;
  recovery: Recovery;
  runsDir: string;
}): string | undefined => {
  const { corrupt, quarantinedTo, recovery, runsDir } = options;
  const parts: string[] = [];
  if (corrupt > 0) {
    parts.push(
      quarantinedTo
        ? `${plural(corrupt, 'damaged line', 'damaged lines')} of the history index ${corrupt === 1 ? 'was' : 'were'} copied to ${quarantinedTo}`
        : `${plural(corrupt, 'damaged line', 'damaged lines')} of the history index could not be copied aside and ${corrupt === 1 ? 'was' : 'were'} left in it`,
    );
  }
  if (recovery.runs.length > 0)
    parts.push(`${plural(recovery.runs.length, 'run was', 'runs were')} rebuilt from ${runsDir}`);
  if (recovery.unreadable > 0)
    parts.push(
      `${plural(recovery.unreadable, 'run file', 'run files')} could not be read and ${recovery.unreadable === 1 ? 'was' : 'were'} left in place`,
    );
  return parts.length > 0 ? `History: ${parts.join('; ')}.` : undefined;
};

/** What the user is told when history first fails to write (later failures only reach the log). */
export const writeFailureNotice = (dir: string, error: unknown): string => {
  const reason = (error instanceof Error ? error.message : String(error)).slice(0, 200);
  return `Run history could not be written to ${dir} (${reason}); runs recorded since then may be missing after a restart.`;
};

/** The index as opened: the log replayed, plus the runs rebuilt from their files. */
export interface OpenedIndex<Row> {
  /** Start order; rebuilt runs sit where their start time puts them. */
  rows: Map<string, Row>;
  deleted: Set<string>;
  corruptLines: number;
  liveBytes: number;
  logBytes: number;
  rebuilt: RebuiltRun[];
  /** False while damaged lines could not be copied aside: a compaction would drop them. */
  canCompact: boolean;
  notice?: string;
}

/**
 * Reads and replays `history.jsonl`, then repairs what it cannot account for: damaged lines are copied aside, runs
 * whose line was lost are rebuilt from their files (the caller compacts, so the log lists them again).
 */
export const openIndex = <Row extends { s: HistorySummary; bytes: number }>(options: {
  dir: string;
  runsDir: string;
  now: number;
  rowFromLog: (s: IndexSummary, bytes: number) => Row;
  rowFromRun: (s: HistorySummary, bytes: number) => Row;
}): OpenedIndex<Row> => {
  const { dir, runsDir } = options;
  const logPath = join(dir, 'history.jsonl');
  const text = existsSync(logPath) ? readFileSync(logPath, 'utf8') : '';
  // A crash can leave a half-written last line; later appends start on a fresh line so they are not glued to it.
  if (text.length > 0 && !text.endsWith('\n')) appendFileSync(logPath, '\n');
  const { rows, deleted, corrupt, orphans, liveBytes } = replayLog(text, options.rowFromLog);
  for (const row of rows.values()) if (row.s.status === 'running') row.s.status = 'interrupted';

  const recovery = rebuildUnlistedRuns(runsDir, (id) => rows.has(id) || deleted.has(id), orphans);
  let rebuiltBytes = 0;
  for (const { summary } of recovery.runs) {
    if (summary.status === 'running') summary.status = 'interrupted';
    const bytes = JSON.stringify({ t: 'e', s: indexSummary(summary) }).length + 1;
    rebuiltBytes += bytes;
    rows.set(summary.id, options.rowFromRun(summary, bytes));
  }
  const ordered =
    recovery.runs.length === 0
      ? rows
      : new Map([...rows].sort(([, a], [, b]) => a.s.startedAt - b.s.startedAt));

  const quarantinedTo = corrupt.length > 0 ? quarantineLines(dir, corrupt, options.now) : undefined;
  const notice = recoveryNotice({ corrupt: corrupt.length, quarantinedTo, recovery, runsDir });
  return {
    rows: ordered,
    deleted,
    corruptLines: corrupt.length,
    liveBytes: liveBytes + rebuiltBytes,
    logBytes: text.length,
    rebuilt: recovery.runs,
    canCompact: corrupt.length === 0 || quarantinedTo !== undefined,
    ...(notice ? { notice } : {}),
  };
};
