import { useMemo } from 'react';
import { flushSync } from 'react-dom';
import type { PlaygroundApi } from '../../../shared/api';
import type { AppError } from '../../../shared/result';
import { isTerminal, type RunEvent } from '../../../shared/run-events';
import type { RunRequest } from '../../../shared/schemas';
import type { BenchProbe } from './bench-probe';
import { createFrameBatcher, type FrameScheduler } from './frame-batcher';
import { NO_RUNS, runsReducer, type RunsAction } from './run-reducer';
import { isActive, newRunView, type RunsState, type RunView } from './run-view';
import { useStores } from './stores-context';
import { isSameButText, outputSource, type TextSource } from './text-source';
import { createStore, useStoreSelector, type Store } from './tiny-store';

/**
 * The page's one store of runs, keyed by runId, fed by one subscription to api.onRunEvent and one frame batcher.
 * Whoever shows a run holds its id (the playground its current run, a Compare column its run, History the entry it
 * shows) and releases it when it stops showing it: a run nobody holds leaves the page, so the store stays as small
 * as what is on screen, whatever the number of runs made.
 */
export interface RunsStore {
  store: Store<RunsState>;
  /** Adds a run as it is: one waiting in a queue (`queued`) or one recorded in history. */
  add: (run: RunView) => void;
  /** Sends a run's request: the queued run of that id, or a new run. */
  start: (request: RunRequest) => void;
  /** Ends a run: a queued one at once, one that reached main through api.cancelRun (its `cancelled` follows). */
  cancel: (runId: string) => void;
  /** Drops a run nobody shows any more, cancelling it first if it is still going. */
  release: (runId: string) => void;
  /** Calls `listener` when a run this page started ends (terminal event, failed start, dropped from its queue). */
  onEnded: (listener: (runId: string) => void) => () => void;
  /** Applies pending events now (tests). */
  flush: () => void;
  /** Subscribes to api.onRunEvent; returns the unsubscribe. */
  connect: () => () => void;
}

/** What the runs store needs. */
export interface RunsStoreDeps {
  api: PlaygroundApi;
  schedule?: FrameScheduler;
  probe?: BenchProbe;
  now?: () => number;
}

/** Makes the runs store; events of runs it did not start are ignored. */
export function createRunsStore(deps: RunsStoreDeps): RunsStore {
  const { api, probe } = deps;
  const now = deps.now ?? Date.now;
  const store = createStore<RunsState>(NO_RUNS);
  const dispatch = (action: RunsAction) => store.set(runsReducer(store.get(), action));
  /** Runs main was asked for and that have not ended yet: the only ones whose events are taken. */
  const live = new Set<string>();
  const endedListeners = new Set<(runId: string) => void>();
  const ended = (runId: string) => {
    live.delete(runId);
    for (const l of [...endedListeners]) l(runId);
  };
  const batcher = createFrameBatcher<RunEvent>((events) => {
    const startedAt = probe ? performance.now() : 0;
    // The components a batch changes (a status, metrics) render inside this frame's callback, not in a task after
    // it: the batch shows on the very next paint, and the probe's "applied" follows all of the page's script work.
    flushSync(() => dispatch({ type: 'events', events, at: now() }));
    probe?.applied(startedAt);
  }, deps.schedule);

  const startFailed = (runId: string, error: AppError) => {
    dispatch({ type: 'start-failed', runId, error });
    ended(runId);
  };

  const cancel = (runId: string) => {
    const run = store.get()[runId];
    if (run?.status === 'queued') {
      dispatch({ type: 'cancel-queued', runId });
      ended(runId);
    } else if (live.has(runId) && isActive(run)) void api.cancelRun(runId);
  };

  return {
    store,
    add: (run) => dispatch({ type: 'add', run }),
    start(request) {
      const { runId } = request;
      if (store.get()[runId]?.status === 'queued') dispatch({ type: 'launched', runId, at: now() });
      else
        dispatch({
          type: 'add',
          run: newRunView(runId, request.params, 'starting', now(), request.profileId),
        });
      live.add(runId);
      void api
        .startRun(request)
        .then((res) => (res.ok ? undefined : startFailed(runId, res.error)))
        .catch((e: unknown) => startFailed(runId, { kind: 'network', message: String(e) }));
    },
    cancel,
    release(runId) {
      if (isActive(store.get()[runId])) cancel(runId);
      dispatch({ type: 'release', runId });
    },
    onEnded(listener) {
      endedListeners.add(listener);
      return () => endedListeners.delete(listener);
    },
    flush: batcher.flush,
    connect() {
      return api.onRunEvent((event) => {
        if (!live.has(event.runId)) return;
        if (event.type === 'delta') probe?.arrived(1);
        // Told at arrival, not a frame later: a queue waiting on this run starts the next one at once.
        if (isTerminal(event)) ended(event.runId);
        batcher.push(event);
      });
    },
  };
}

/**
 * Run `runId` as an output view needs it, or undefined while the store does not hold it. A change to the outputs'
 * text alone does not re-render (so `outputs` may be a frame old here): draw the text from `useOutputSource`.
 */
export function useRunView(runId: string | undefined): RunView | undefined {
  return useStoreSelector(
    useStores().runs.store,
    (runs) => (runId === undefined ? undefined : runs[runId]),
    isSameButText,
  );
}

/** A slice of run `runId`; the selector must return an existing reference or a primitive. */
export function useRunField<T>(runId: string | undefined, select: (run: RunView | undefined) => T): T {
  return useStoreSelector(useStores().runs.store, (runs) =>
    select(runId === undefined ? undefined : runs[runId]),
  );
}

/** The live text of choice `index` of run `runId`, for OutputText. */
export function useOutputSource(runId: string, index: number): TextSource {
  const { store } = useStores().runs;
  return useMemo(() => outputSource(store, (runs: RunsState) => runs[runId], index), [store, runId, index]);
}
