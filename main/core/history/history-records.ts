import type { HistoryEntry, HistoryStatus, HistorySummary } from '../../../shared/api';

/**
 * The lines of the history index log (`history.jsonl`). Each line is one small record; the full entry of a run lives
 * in its own file, so the log stays a few hundred bytes per run and opens fast.
 *   e  a run's summary (written at start, and per run by compaction)
 *   p  progress: the output preview changed
 *   f  finish: status, duration, output preview
 *   *  starred / unstarred
 *   x  deleted
 */
export type IndexRecord =
  | { t: 'e'; s: HistorySummary }
  | { t: 'p'; id: string; o: string }
  | { t: 'f'; id: string; st: HistoryStatus; o: string; d?: number }
  | { t: '*'; id: string; v: boolean }
  | { t: 'x'; id: string };

/** Characters of prompt and output kept in a summary. */
export const PREVIEW_CHARS = 160;

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
});

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const str = (v: unknown, max = 10_000): v is string => typeof v === 'string' && v.length <= max;

/** Narrows a stored summary; undefined when the line was damaged (design rule 5: the file is a boundary too). */
export const asSummary = (v: unknown): HistorySummary | undefined => {
  if (!isRecord(v)) return undefined;
  const {
    id,
    startedAt,
    status,
    model,
    profileName,
    presetName,
    promptPreview,
    outputPreview,
    starred,
    durationMs,
  } = v;
  if (!str(id) || !RUN_ID.test(id) || typeof startedAt !== 'number' || !Number.isFinite(startedAt))
    return undefined;
  if (!STATUSES.has(status as HistoryStatus) || !str(model) || !str(profileName)) return undefined;
  if (presetName !== undefined && !str(presetName)) return undefined;
  if (!str(promptPreview) || !str(outputPreview) || typeof starred !== 'boolean') return undefined;
  if (durationMs !== undefined && typeof durationMs !== 'number') return undefined;
  return {
    id,
    startedAt,
    status: status as HistoryStatus,
    model,
    profileName,
    ...(presetName !== undefined ? { presetName } : {}),
    promptPreview,
    outputPreview,
    starred,
    ...(durationMs !== undefined ? { durationMs } : {}),
  };
};

/** Narrows one parsed log line. */
export const asIndexRecord = (v: unknown): IndexRecord | undefined => {
  if (!isRecord(v)) return undefined;
  if (v.t === 'e') {
    const s = asSummary(v.s);
    return s ? { t: 'e', s } : undefined;
  }
  if (!str(v.id) || !RUN_ID.test(v.id)) return undefined;
  const id = v.id;
  switch (v.t) {
    case 'p':
      return str(v.o) ? { t: 'p', id, o: v.o } : undefined;
    case 'f':
      if (!STATUSES.has(v.st as HistoryStatus) || !str(v.o)) return undefined;
      return {
        t: 'f',
        id,
        st: v.st as HistoryStatus,
        o: v.o,
        ...(typeof v.d === 'number' ? { d: v.d } : {}),
      };
    case '*':
      return typeof v.v === 'boolean' ? { t: '*', id, v: v.v } : undefined;
    case 'x':
      return { t: 'x', id };
    default:
      return undefined;
  }
};

/** Narrows a stored entry file just enough that reading it cannot crash a caller. */
export const asStoredEntry = (v: unknown): HistoryEntry | undefined => {
  if (!isRecord(v) || !isRecord(v.params) || !isRecord(v.request) || !Array.isArray(v.outputs))
    return undefined;
  if (!v.outputs.every((o) => typeof o === 'string') || typeof v.params.prompt !== 'string') return undefined;
  return v as unknown as HistoryEntry;
};
