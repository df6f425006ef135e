import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { SettingsView } from '../../../../shared/api';
import type { CompletionParams } from '../../../../shared/params';
import { runRequestFor } from '../../state/run-request';
import { isActive, isActiveStatus, newRunView, type RunStatus, type RunsState } from '../../state/run-view';
import { useRunField } from '../../state/runs-store';
import { useStores } from '../../state/stores-context';
import { useStoreSelector, type Store } from '../../state/tiny-store';
import { originOf } from '../../../../shared/base-url';
import type { DivergenceSide } from '../tokens/first-divergence';
import { createRunQueue, type RunQueue } from './run-queue';

/** What a column runs. */
export interface ColumnSetup {
  id: string;
  params: CompletionParams;
  extraBody?: Record<string, unknown>;
  profileId: string;
  presetName?: string;
}

/** Each column's latest run: column id → its run id in the runs store. */
export type ColumnRunIds = Readonly<Record<string, string>>;

const columnCount = (n: number) => `${n} column${n === 1 ? '' : 's'}`;

/**
 * One line on where the columns' runs are ("Running 2 of 3 columns.", "3 columns finished (1 failed)."), or
 * undefined before any ran; `statuses` holds each column's run status (undefined: not run). A string, so a component
 * selecting it re-renders only when the line changes.
 */
export function runsSummary(statuses: readonly (RunStatus | undefined)[]): string | undefined {
  const started = statuses.filter((s): s is RunStatus => s !== undefined);
  if (started.length === 0) return undefined;
  const active = started.filter(isActiveStatus).length;
  if (active > 0) return `Running ${active} of ${columnCount(started.length)}.`;
  const failed = started.filter((s) => s === 'error').length;
  const stopped = started.filter((s) => s === 'cancelled').length;
  const notes = [failed ? `${failed} failed` : '', stopped ? `${stopped} stopped` : ''].filter(Boolean);
  return `${columnCount(started.length)} finished${notes.length ? ` (${notes.join(', ')})` : ''}.`;
}

/** The summary line of the columns `columnIds`, re-rendering only when it changes. */
export function useRunsSummary(columnRuns: Store<ColumnRunIds>, columnIds: readonly string[]) {
  const ids = useStoreSelector(columnRuns, (s) => s);
  const status = (runs: RunsState, col: string) => {
    const runId = ids[col];
    return runId === undefined ? undefined : runs[runId]?.status;
  };
  return useStoreSelector(useStores().runs.store, (runs) =>
    runsSummary(columnIds.map((col) => status(runs, col))),
  );
}

/** The run id of a column's latest run (undefined: never run). */
export const useColumnRunId = (columnRuns: Store<ColumnRunIds>, columnId: string | undefined) =>
  useStoreSelector(columnRuns, (s) => (columnId === undefined ? undefined : s[columnId]));

/**
 * A column's choice-0 output once its run has ended ('' before any run), or null while it runs: a word diff waits for
 * the end, and a string that stays the same frame after frame re-renders nothing.
 */
export function useFinishedOutput(
  columnRuns: Store<ColumnRunIds>,
  columnId: string | undefined,
): string | null {
  const runId = useColumnRunId(columnRuns, columnId);
  return useRunField(runId, (run) => (isActive(run) ? null : (run?.outputs[0] ?? '')));
}

/**
 * A column's choice-0 tokens once its run has ended (null while it runs, or when none came): the first divergence
 * is computed once per run, not per frame.
 */
export function useFinishedTokens(
  columnRuns: Store<ColumnRunIds>,
  columnId: string | undefined,
): DivergenceSide | null {
  const runId = useColumnRunId(columnRuns, columnId);
  const tokens = useRunField(runId, (run) =>
    !run || isActive(run) ? undefined : run.tokens?.[0]?.toArray(),
  );
  const promptTokens = useRunField(runId, (run) => run?.promptTokens?.[0] ?? 0);
  return useMemo(
    () => (tokens && tokens.length > 0 ? { tokens, promptTokens } : null),
    [tokens, promptTokens],
  );
}

/**
 * Runs compare columns in the page's runs store: every column streams at once, limited per endpoint (profile base
 * URL origin) to settings.compareConcurrency; a run waiting for a slot is in the store as `queued`. `columnRuns`
 * outlives the dialog, so the runs of an earlier opening come back; a column's earlier run is released when it runs
 * again.
 */
export function useCompareRuns(settings: SettingsView | null, columnRuns: Store<ColumnRunIds>) {
  const { runs } = useStores();
  const limit = useRef(4);
  const queueRef = useRef<RunQueue | null>(null);
  // Made on first use (outside render); it reads the limit at each decision, so a settings change applies at once.
  const queue = useCallback(() => (queueRef.current ??= createRunQueue(() => limit.current)), []);
  useEffect(() => {
    limit.current = settings?.compareConcurrency ?? 4;
  }, [settings]);

  const stopRun = useCallback(
    (runId: string) => {
      // A run still waiting leaves the queue; one already sent is cancelled in main.
      queue().cancel(runId);
      runs.cancel(runId);
    },
    [queue, runs],
  );

  useEffect(() => {
    const off = runs.onEnded((runId) => queue().finished(runId));
    return () => {
      // Nobody shows a run after this: stop the ones still going, so what is kept says "stopped", truthfully.
      for (const runId of Object.values(columnRuns.get())) stopRun(runId);
      off();
    };
  }, [columnRuns, queue, runs, stopRun]);

  const runAll = useCallback(
    (columns: ColumnSetup[], prompt: string, variables?: Readonly<Record<string, string>>) => {
      for (const runId of Object.values(columnRuns.get())) {
        queue().cancel(runId);
        runs.release(runId);
      }
      const fresh: Record<string, string> = {};
      const starts = columns.map((c) => {
        const runId = crypto.randomUUID();
        fresh[c.id] = runId;
        const draft = {
          params: { ...c.params, prompt },
          ...(c.extraBody ? { extraBody: c.extraBody } : {}),
          // The editor's variable values fill the shared prompt, as they do for a single run.
          ...(variables ? { variables } : {}),
        };
        const request = runRequestFor(runId, draft, c.profileId, c.presetName);
        runs.add(newRunView(runId, request.params, 'queued', Date.now(), request.profileId));
        const profile = settings?.profiles.find((p) => p.id === c.profileId);
        const endpoint = originOf(profile?.baseUrl) ?? c.profileId;
        return { id: runId, endpoint, start: () => runs.start(request) };
      });
      columnRuns.set(fresh);
      for (const s of starts) queue().enqueue(s);
    },
    [columnRuns, queue, runs, settings],
  );

  const stop = useCallback(
    (col: string) => {
      const runId = columnRuns.get()[col];
      if (runId !== undefined) stopRun(runId);
    },
    [columnRuns, stopRun],
  );

  return { runAll, stop };
}
