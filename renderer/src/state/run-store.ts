import type { Draft } from '../../../shared/schemas';
import { runRequestFor } from './run-request';
import { isActive, type RunView } from './run-view';
import { useRunField, useRunView, type RunsStore } from './runs-store';
import { useStores } from './stores-context';
import { createStore, useStoreSelector, type Store } from './tiny-store';

/** What features may do with the playground run. */
export interface RunActions {
  /** Starts a run of `draft` (default: the editor's draft), cancelling a run still going. */
  run: (draft?: Draft) => void;
  stop: () => void;
  /** Runs the last run's draft again. */
  regenerate: () => void;
}

/** The playground's current run: its id in the runs store, and the draft Regenerate repeats. */
export interface CurrentRun {
  runId?: string;
  draft?: Draft;
}

/** The playground run: which run of the runs store the main output shows, and the actions on it. */
export interface RunStore extends RunActions {
  store: Store<CurrentRun>;
  isRunning: () => boolean;
}

/** What the playground run reads from elsewhere. */
export interface RunStoreDeps {
  runs: RunsStore;
  getDraft: () => Draft;
  getProfileId: () => string | undefined;
}

/** Makes the playground run; it holds one run of the runs store at a time and releases the one before. */
export function createRunStore(deps: RunStoreDeps): RunStore {
  const { runs } = deps;
  const store = createStore<CurrentRun>({});
  const current = () => {
    const { runId } = store.get();
    return runId === undefined ? undefined : runs.store.get()[runId];
  };
  const stop = () => {
    const { runId } = store.get();
    if (runId !== undefined) runs.cancel(runId);
  };
  const run = (draft: Draft = deps.getDraft()) => {
    const previous = store.get().runId;
    // The run shown before is not shown any more: it leaves the store, cancelled if still going.
    if (previous !== undefined) runs.release(previous);
    const runId = crypto.randomUUID();
    store.set({ runId, draft });
    runs.start(runRequestFor(runId, draft, deps.getProfileId() ?? ''));
  };
  return {
    store,
    run,
    stop,
    regenerate: () => run(store.get().draft),
    isRunning: () => isActive(current()),
  };
}

const selectRunId = (s: CurrentRun) => s.runId;

/** The id of the playground's current run, or undefined before the first. */
export function useCurrentRunId(): string | undefined {
  return useStoreSelector(useStores().run.store, selectRunId);
}

/**
 * The current playground run, or null before the first. A change to the outputs' text alone does not re-render (so
 * `outputs` may be a frame old here): draw the text from `useOutputSource`.
 */
export function useRun(): RunView | null {
  return useRunView(useCurrentRunId()) ?? null;
}

/** A slice of the current run; the selector must return an existing reference or a primitive. */
export function useRunSelector<T>(select: (run: RunView | null) => T): T {
  return useRunField(useCurrentRunId(), (run) => select(run ?? null));
}

/** Stable run actions. */
export function useRunActions(): RunActions {
  return useStores().run;
}
