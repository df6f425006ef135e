/**
 * An in-memory HistoryStore for service and transport tests (the real one, main/core/history, persists to disk). It
 * keeps entries as given, so a test can assert exactly what the service recorded.
 */
import type { HistoryEntry, HistorySummary } from '../../shared/api';
import type { HistoryStore } from '../../main/core/ports';

const summaryOf = ({
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
  grid,
}: HistoryEntry): HistorySummary => ({
  id,
  startedAt,
  status,
  model,
  profileName,
  ...(presetName !== undefined ? { presetName } : {}),
  promptPreview,
  outputPreview,
  starred,
  ...(durationMs !== undefined ? { durationMs } : {}),
  ...(grid !== undefined ? { grid } : {}),
});

/** A HistoryStore fake that also exposes every call it received; a test pushes to `told` what history says. */
export const createMemoryHistoryStore = (): HistoryStore & {
  calls: { method: string; id?: string }[];
  told: string[];
} => {
  const entries = new Map<string, HistoryEntry>();
  const calls: { method: string; id?: string }[] = [];
  const told: string[] = [];
  let retention = Infinity;
  return {
    calls,
    told,
    notices: () => told,
    start(entry) {
      calls.push({ method: 'start', id: entry.id });
      entries.set(entry.id, structuredClone(entry));
    },
    progress(id, outputs) {
      calls.push({ method: 'progress', id });
      const e = entries.get(id);
      if (e) e.outputs = [...outputs];
    },
    finish(id, end) {
      calls.push({ method: 'finish', id });
      const e = entries.get(id);
      if (e) Object.assign(e, structuredClone(end), { outputPreview: (end.outputs[0] ?? '').slice(0, 200) });
    },
    list({ search, starred, gridId, offset, limit }) {
      const all = [...entries.values()]
        .filter(
          (e) =>
            (starred === undefined || e.starred === starred) &&
            (!search || e.params.prompt.includes(search)) &&
            (gridId === undefined || e.grid?.gridId === gridId),
        )
        .reverse();
      return { total: all.length, items: all.slice(offset, offset + limit).map(summaryOf) };
    },
    get: (id) => {
      const e = entries.get(id);
      return e ? structuredClone(e) : undefined;
    },
    star(id, starred) {
      const e = entries.get(id);
      if (!e) return undefined;
      e.starred = starred;
      return summaryOf(e);
    },
    delete: (id) => entries.delete(id),
    export(format) {
      const rows = [...entries.values()];
      return format === 'jsonl'
        ? rows.map((e) => JSON.stringify(e)).join('\n')
        : ['id,model,status', ...rows.map((e) => `${e.id},${e.model},${e.status}`)].join('\n');
    },
    setRetention(maxRuns) {
      retention = maxRuns;
      while (entries.size > retention) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
    },
    close: () => Promise.resolve(),
  };
};
