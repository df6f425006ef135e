import { useCallback, useEffect, useRef } from 'react';
import { flushSync } from 'react-dom';
import type { PlaygroundApi, SettingsView } from '../../../../shared/api';
import type { CompletionParams } from '../../../../shared/params';
import type { AppError } from '../../../../shared/result';
import { isTerminal, type RunEvent, type RunMetrics, type Usage } from '../../../../shared/run-events';
import { pageBenchProbe } from '../../state/bench-probe';
import { createFrameBatcher } from '../../state/frame-batcher';
import { appendDeltas, type StreamedOutputs, type TextDelta } from '../../state/text-source';
import type { Store } from '../../state/tiny-store';
import { originOf } from '../origin';
import { setParams } from '../presets/use-presets';
import { createRunQueue, type RunQueue } from './run-queue';

/** Where a column's run is. */
export type ColumnStatus = 'idle' | 'queued' | 'running' | 'done' | 'error' | 'cancelled';

/** The run of one column. */
export interface ColumnRun extends StreamedOutputs {
  runId: string;
  status: ColumnStatus;
  metrics?: RunMetrics;
  usage?: Usage;
  error?: AppError;
}

/** What a column runs. */
export interface ColumnSetup {
  id: string;
  params: CompletionParams;
  extraBody?: Record<string, unknown>;
  profileId: string;
  presetName?: string;
}

/** Applies a batch of run events to the column runs (pure; exported for tests). */
export function applyRunEvents(
  runs: ColumnRuns,
  columnOf: (runId: string) => string | undefined,
  events: RunEvent[],
): ColumnRuns {
  const next = { ...runs };
  const deltas = new Map<string, TextDelta[]>();
  for (const e of events) {
    const col = columnOf(e.runId);
    const run = col ? next[col] : undefined;
    if (!col || !run || run.runId !== e.runId) continue;
    if (e.type === 'started') next[col] = { ...run, status: 'running' };
    else if (e.type === 'delta') {
      const list = deltas.get(col) ?? [];
      list.push(e);
      deltas.set(col, list);
    } else if (e.type === 'usage') next[col] = { ...run, usage: e.usage };
    else if (e.type === 'done') {
      next[col] = { ...run, status: 'done', metrics: e.metrics, ...(e.usage ? { usage: e.usage } : {}) };
    } else if (e.type === 'error')
      next[col] = { ...run, status: 'error', error: e.error, metrics: e.metrics };
    else if (e.type === 'cancelled') next[col] = { ...run, status: 'cancelled', metrics: e.metrics };
  }
  // Each column's text grows once per batch, whatever order its deltas and other events came in.
  for (const [col, list] of deltas) {
    const run = next[col];
    if (run) next[col] = { ...run, ...appendDeltas(run.outputs, list) };
  }
  return next;
}

/** Updates a column's run only if it is still the run `runId` (a newer Run all replaced it otherwise). */
const patchRun = (runs: ColumnRuns, col: string, runId: string, patch: Partial<ColumnRun>): ColumnRuns => {
  const run = runs[col];
  return run?.runId === runId ? { ...runs, [col]: { ...run, ...patch } } : runs;
};

/** Column runs by column id. */
export type ColumnRuns = Record<string, ColumnRun>;

/** Whether a column's run is still waiting or streaming. */
export const isActiveRun = (run: ColumnRun | undefined): boolean =>
  run?.status === 'running' || run?.status === 'queued';

const columnCount = (n: number) => `${n} column${n === 1 ? '' : 's'}`;

/**
 * One line on where the columns' runs are ("Running 2 of 3 columns.", "3 columns finished (1 failed)."), or
 * undefined before any ran. A string, so a component selecting it re-renders only when the line changes.
 */
export function runsSummary(runs: ColumnRuns, columnIds: readonly string[]): string | undefined {
  const started = columnIds.map((id) => runs[id]).filter((r): r is ColumnRun => r !== undefined);
  if (started.length === 0) return undefined;
  const active = started.filter(isActiveRun).length;
  if (active > 0) return `Running ${active} of ${columnCount(started.length)}.`;
  const failed = started.filter((r) => r.status === 'error').length;
  const stopped = started.filter((r) => r.status === 'cancelled').length;
  const notes = [failed ? `${failed} failed` : '', stopped ? `${stopped} stopped` : ''].filter(Boolean);
  return `${columnCount(started.length)} finished${notes.length ? ` (${notes.join(', ')})` : ''}.`;
}

/**
 * Runs compare columns: every column streams at once, limited per endpoint (profile base URL origin) to
 * settings.compareConcurrency. Only events of runs started here are used (the window receives all of its runs).
 * The runs live in a store, not in the dialog's state: a frame then re-renders only the columns whose run changed.
 */
export function useCompareRuns(
  api: PlaygroundApi,
  settings: SettingsView | null,
  runsStore: Store<ColumnRuns>,
) {
  // The store is the caller's (it outlives the dialog, so the runs of an earlier opening come back).
  const setRuns = runsStore.update;
  const columnByRun = useRef(new Map<string, string>());
  const limit = useRef(4);
  const queueRef = useRef<RunQueue | null>(null);
  // Made on first use (outside render); it reads the limit at each decision, so a settings change applies at once.
  const queue = useCallback(() => (queueRef.current ??= createRunQueue(() => limit.current)), []);
  useEffect(() => {
    limit.current = settings?.compareConcurrency ?? 4;
  }, [settings]);

  useEffect(() => {
    const probe = pageBenchProbe();
    let isClosed = false;
    const batcher = createFrameBatcher<RunEvent>((events) => {
      if (isClosed) return;
      // Rendered inside this frame, not in a later task: the batch then shows on the very next paint.
      flushSync(() => setRuns((prev) => applyRunEvents(prev, (id) => columnByRun.current.get(id), events)));
      probe?.applied();
    });
    const off = api.onRunEvent((event) => {
      if (!columnByRun.current.has(event.runId)) return;
      if (event.type === 'delta') probe?.arrived(1);
      if (isTerminal(event)) queue().finished(event.runId);
      batcher.push(event);
    });
    return () => {
      off();
      // Pending events belong to the columns going away; flushSync may not run inside an effect cleanup anyway.
      isClosed = true;
      // Nobody shows a run after this: stop the ones still going, so what is kept says "stopped", truthfully.
      const all = runsStore.get();
      for (const [col, run] of Object.entries(all)) {
        if (!isActiveRun(run)) continue;
        if (!queue().cancel(run.runId)) void api.cancelRun(run.runId);
        setRuns((prev) => patchRun(prev, col, run.runId, { status: 'cancelled' }));
      }
    };
  }, [api, queue, runsStore, setRuns]);

  const fail = useCallback(
    (col: string, runId: string, error: AppError) => {
      queue().finished(runId);
      setRuns((prev) => patchRun(prev, col, runId, { status: 'error', error }));
    },
    [queue, setRuns],
  );

  const runAll = useCallback(
    (columns: ColumnSetup[], prompt: string) => {
      for (const c of columns) {
        const old = runsStore.get()[c.id];
        if (old && isActiveRun(old)) void api.cancelRun(old.runId);
      }
      const fresh: ColumnRuns = {};
      const starts = columns.map((c) => {
        const runId = crypto.randomUUID();
        columnByRun.current.set(runId, c.id);
        fresh[c.id] = { runId, status: 'queued', outputs: [] };
        const profile = settings?.profiles.find((p) => p.id === c.profileId);
        const endpoint = originOf(profile?.baseUrl) ?? c.profileId;
        const start = () => {
          setRuns((prev) => patchRun(prev, c.id, runId, { status: 'running' }));
          const request = {
            runId,
            profileId: c.profileId,
            params: setParams({ ...c.params, prompt }),
            ...(c.extraBody && Object.keys(c.extraBody).length > 0 ? { extraBody: c.extraBody } : {}),
            ...(c.presetName ? { presetName: c.presetName } : {}),
          };
          api
            .startRun(request)
            .then((res) => (res.ok ? undefined : fail(c.id, runId, res.error)))
            .catch((e: unknown) => fail(c.id, runId, { kind: 'network', message: String(e) }));
        };
        return { id: runId, endpoint, start };
      });
      runsStore.set(fresh);
      for (const s of starts) queue().enqueue(s);
    },
    [api, fail, queue, runsStore, setRuns, settings],
  );

  const stop = useCallback(
    (col: string) => {
      const run = runsStore.get()[col];
      if (!run) return;
      if (queue().cancel(run.runId)) {
        setRuns((prev) => ({ ...prev, [col]: { ...run, status: 'cancelled' } }));
      } else if (isActiveRun(run)) void api.cancelRun(run.runId);
    },
    [api, queue, runsStore, setRuns],
  );

  return { runAll, stop };
}
