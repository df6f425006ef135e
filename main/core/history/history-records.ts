import type { HistoryEntry, HistoryStatus, HistorySummary } from '../../../shared/api';
import { briefParams } from '../../../shared/params-brief';
import { storedTokens } from './history-tokens';

/**
 * A summary as the index log keeps it: without previews and parameters (they come from the run's file when a page is
 * listed, so an index line stays small).
 */
export type IndexSummary = Omit<
  HistorySummary,
  'promptPreview' | 'outputPreview' | 'paramsBrief' | 'profileId' | 'usage'
>;

/**
 * The lines of the history index log (`history.jsonl`). Each line is one small record, under 200 bytes; the full
 * entry of a run lives in its own file, so opening 10,000 runs reads about 2 MB.
 *   e  a run's summary (written at start, and once per run by compaction)
 *   f  finish: status and duration
 *   *  starred / unstarred
 *   x  deleted
 */
export type IndexRecord =
  | { t: 'e'; s: IndexSummary }
  | { t: 'f'; id: string; st: HistoryStatus; d?: number }
  | { t: '*'; id: string; v: boolean }
  | { t: 'x'; id: string };

/** Characters of prompt and output kept in a summary's previews. */
export const PREVIEW_CHARS = 120;

/** Run ids double as file names, so only this shape is accepted (the run id rule of runRequestSchema). */
export const RUN_ID = /^[A-Za-z0-9_-]{8,64}$/;

const STATUSES = new Set<HistoryStatus>(['running', 'done', 'error', 'cancelled', 'interrupted']);

/** A short preview of a text. */
export const preview = (text: string | undefined): string => (text ?? '').slice(0, PREVIEW_CHARS);

/** The summary of an entry; previews are derived here so every row is built the same way. */
export const summarize = (entry: HistoryEntry): HistorySummary => ({
  id: entry.id,
  startedAt: entry.startedAt,
  status: entry.status,
  model: entry.params.model,
  profileName: entry.profileName,
  ...(entry.presetName !== undefined ? { presetName: entry.presetName } : {}),
  promptPreview: preview(entry.params.prompt),
  outputPreview: preview(entry.outputs[0]),
  starred: entry.starred,
  ...(entry.durationMs !== undefined ? { durationMs: entry.durationMs } : {}),
  paramsBrief: briefParams(entry.params),
  ...(entry.grid ? { grid: { gridId: entry.grid.gridId, cellKey: entry.grid.cellKey } } : {}),
  ...costFields(entry),
});

/** What a row's cost is computed from: its profile and its usage (absent before the run ends). */
export const costFields = (entry: HistoryEntry): Pick<HistorySummary, 'profileId' | 'usage'> => ({
  profileId: entry.profileId,
  ...(entry.usage ? { usage: entry.usage } : {}),
});

/** The summary without its previews and parameters, as the index log stores it. */
export const indexSummary = (s: HistorySummary): IndexSummary => {
  const { promptPreview: _p, outputPreview: _o, paramsBrief: _b, profileId: _i, usage: _u, ...rest } = s;
  return rest;
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const str = (v: unknown, max = 10_000): v is string => typeof v === 'string' && v.length <= max;

/**
 * Narrows a stored summary; undefined when the line was damaged (docs/architecture.md#validate-at-boundaries: the
 * file is a boundary too).
 */
export const asIndexSummary = (v: unknown): IndexSummary | undefined => {
  if (!isRecord(v)) return undefined;
  const { id, startedAt, status, model, profileName, presetName, starred, durationMs, grid } = v;
  if (!str(id) || !RUN_ID.test(id) || typeof startedAt !== 'number' || !Number.isFinite(startedAt))
    return undefined;
  if (!STATUSES.has(status as HistoryStatus) || !str(model) || !str(profileName)) return undefined;
  if (presetName !== undefined && !str(presetName)) return undefined;
  if (typeof starred !== 'boolean') return undefined;
  if (durationMs !== undefined && typeof durationMs !== 'number') return undefined;
  // A damaged grid tag drops the tag, not the run: the run stays in history, only Resume no longer counts it.
  const tag =
    isRecord(grid) && str(grid.gridId, 64) && str(grid.cellKey, 1000)
      ? { grid: { gridId: grid.gridId, cellKey: grid.cellKey } }
      : {};
  return {
    id,
    startedAt,
    status: status as HistoryStatus,
    model,
    profileName,
    ...(presetName !== undefined ? { presetName } : {}),
    starred,
    ...(durationMs !== undefined ? { durationMs } : {}),
    ...tag,
  };
};

/** Narrows one parsed log line. */
export const asIndexRecord = (v: unknown): IndexRecord | undefined => {
  if (!isRecord(v)) return undefined;
  if (v.t === 'e') {
    const s = asIndexSummary(v.s);
    return s ? { t: 'e', s } : undefined;
  }
  if (!str(v.id) || !RUN_ID.test(v.id)) return undefined;
  const id = v.id;
  switch (v.t) {
    case 'f':
      if (!STATUSES.has(v.st as HistoryStatus)) return undefined;
      return { t: 'f', id, st: v.st as HistoryStatus, ...(typeof v.d === 'number' ? { d: v.d } : {}) };
    case '*':
      return typeof v.v === 'boolean' ? { t: '*', id, v: v.v } : undefined;
    case 'x':
      return { t: 'x', id };
    default:
      return undefined;
  }
};

/** What replaying a log produced. */
export interface Replayed<Row> {
  rows: Map<string, Row>;
  /** The lines that did not parse, as they were (quarantined before a compaction drops them). */
  corrupt: string[];
  liveBytes: number;
  /** Runs whose deletion the log records: only their files may be removed. */
  deleted: Set<string>;
  /** Finish and star records of runs the log does not list (their `e` line was damaged), for rebuilding them. */
  orphans: Map<string, IndexRecord[]>;
}

/**
 * Replays the index log text into rows (insertion order = start order). A damaged line is kept aside, never fatal;
 * `makeRow` builds the caller's row from an `e` record.
 */
export const replayLog = <Row extends { s: HistorySummary; bytes: number }>(
  text: string,
  makeRow: (s: IndexSummary, bytes: number) => Row,
): Replayed<Row> => {
  const rows = new Map<string, Row>();
  const corrupt: string[] = [];
  const deleted = new Set<string>();
  const orphans = new Map<string, IndexRecord[]>();
  let liveBytes = 0;
  let pos = 0;
  while (pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    if (end > pos) {
      const line = text.slice(pos, end);
      let r: IndexRecord | undefined;
      try {
        r = asIndexRecord(JSON.parse(line));
      } catch {
        r = undefined;
      }
      const row = r && r.t !== 'e' ? rows.get(r.id) : undefined;
      if (!r) corrupt.push(line);
      else if (r.t === 'e') {
        liveBytes += end - pos + 1 - (rows.get(r.s.id)?.bytes ?? 0);
        rows.set(r.s.id, makeRow(r.s, end - pos + 1));
        deleted.delete(r.s.id);
      } else if (r.t === 'x') {
        deleted.add(r.id);
        orphans.delete(r.id);
        if (row) {
          rows.delete(r.id);
          liveBytes -= row.bytes;
        }
      } else if (row) applyRecord(row.s, r);
      else if (!deleted.has(r.id)) {
        const held = orphans.get(r.id) ?? [];
        held.push(r);
        orphans.set(r.id, held);
      }
    }
    pos = end + 1;
  }
  return { rows, corrupt, liveBytes, deleted, orphans };
};

/** Applies a finish or star record to a summary. */
export const applyRecord = (s: Pick<HistorySummary, 'status' | 'durationMs' | 'starred'>, r: IndexRecord) => {
  if (r.t === 'f') {
    s.status = r.st;
    if (r.d !== undefined) s.durationMs = r.d;
  } else if (r.t === '*') s.starred = r.v;
};

/** Narrows a stored entry file just enough that reading it cannot crash a caller. */
export const asStoredEntry = (v: unknown): HistoryEntry | undefined => {
  if (!isRecord(v) || !isRecord(v.params) || !isRecord(v.request) || !Array.isArray(v.outputs))
    return undefined;
  if (!v.outputs.every((o) => typeof o === 'string') || typeof v.params.prompt !== 'string') return undefined;
  const { tokens: _tokens, promptTokens: _prompt, parentRunId, ...rest } = v;
  // A damaged parent link is dropped, never followed: it names a file to read.
  const parent = str(parentRunId) && RUN_ID.test(parentRunId) ? { parentRunId } : {};
  return { ...(rest as unknown as HistoryEntry), ...storedTokens(v), ...parent };
};
