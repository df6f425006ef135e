import { useMemo } from 'react';
import type { PlaygroundApi } from '../../../shared/api';
import type { CompletionParams } from '../../../shared/params';
import type { RunEvent } from '../../../shared/run-events';
import type { Draft } from '../../../shared/schemas';
import type { BenchProbe } from './bench-probe';
import { createFrameBatcher, type FrameScheduler } from './frame-batcher';
import {
  INITIAL_RUN_STATE,
  isActive,
  runReducer,
  type RunAction,
  type RunState,
  type RunView,
} from './run-reducer';
import { useStores } from './stores-context';
import { isSameButText, outputSource, type TextSource } from './text-source';
import { createStore, useStoreSelector, type Store } from './tiny-store';

/** What features may do with the playground run. */
export interface RunActions {
  /** Starts a run of `draft` (default: the editor's draft), cancelling a run still going. */
  run: (draft?: Draft) => void;
  stop: () => void;
  /** Runs the last run's draft again. */
  regenerate: () => void;
}

/** The run store. */
export interface RunStore extends RunActions {
  store: Store<RunState>;
  /** Subscribes to api.onRunEvent; returns the unsubscribe. */
  connect: () => () => void;
}

/** What the run store reads from elsewhere. */
export interface RunStoreDeps {
  api: PlaygroundApi;
  getDraft: () => Draft;
  getProfileId: () => string | undefined;
  schedule?: FrameScheduler;
  probe?: BenchProbe;
  now?: () => number;
}

/** Keeps only set parameters, so an unset one is never sent (issue 2 §3). */
export function withoutUnset(params: CompletionParams): CompletionParams {
  const out = { ...params };
  for (const key of Object.keys(out) as (keyof CompletionParams)[]) {
    if (out[key] === undefined) delete out[key];
  }
  return out;
}

/** Makes the run store; events of runs it did not start are ignored (other features filter their own). */
export function createRunStore(deps: RunStoreDeps): RunStore {
  const { api, probe } = deps;
  const now = deps.now ?? Date.now;
  const store = createStore<RunState>(INITIAL_RUN_STATE);
  const ownRunIds = new Set<string>();
  const dispatch = (action: RunAction) => store.set(runReducer(store.get(), action));
  const batcher = createFrameBatcher<RunEvent>((events) => {
    dispatch({ type: 'events', events, at: now() });
    probe?.applied();
  }, deps.schedule);

  const stop = () => {
    const current = store.get().current;
    if (current && isActive(current)) void api.cancelRun(current.runId);
  };

  const run = (draft: Draft = deps.getDraft()) => {
    stop();
    batcher.flush();
    const runId = crypto.randomUUID();
    ownRunIds.add(runId);
    dispatch({ type: 'start', runId, draft, at: now() });
    const profileId = deps.getProfileId() ?? '';
    const request = { runId, profileId, params: withoutUnset(draft.params) };
    const extra = draft.extraBody && Object.keys(draft.extraBody).length > 0 ? draft.extraBody : undefined;
    void api
      .startRun(extra ? { ...request, extraBody: extra } : request)
      .then((res) => {
        if (!res.ok) dispatch({ type: 'start-failed', runId, error: res.error });
      })
      .catch((e: unknown) => {
        dispatch({ type: 'start-failed', runId, error: { kind: 'network', message: String(e) } });
      });
  };

  return {
    store,
    run,
    stop,
    regenerate() {
      const last: RunView | null = store.get().current;
      run(last ? last.draft : undefined);
    },
    connect() {
      return api.onRunEvent((event) => {
        if (!ownRunIds.has(event.runId)) return;
        if (event.type === 'delta') probe?.arrived(1);
        if (event.type === 'done' || event.type === 'error' || event.type === 'cancelled') {
          ownRunIds.delete(event.runId);
        }
        batcher.push(event);
      });
    },
  };
}

const selectCurrent = (s: RunState) => s.current;

/**
 * The current playground run, or null before the first. A change to the outputs' text alone does not re-render (so
 * `outputs` may be a frame old here): draw the text from `useOutputSource`.
 */
export function useRun(): RunView | null {
  return useStoreSelector(useStores().run.store, selectCurrent, isSameButText);
}

/** The live text of choice `index` of run `runId`, for OutputText. */
export function useOutputSource(runId: string, index: number): TextSource {
  const { store } = useStores().run;
  return useMemo(
    () => outputSource(store, (s: RunState) => (s.current?.runId === runId ? s.current : undefined), index),
    [store, runId, index],
  );
}

/** A slice of the current run; the selector must return an existing reference or a primitive. */
export function useRunSelector<T>(select: (run: RunView | null) => T): T {
  return useStoreSelector(useStores().run.store, (s) => select(s.current));
}

/** Stable run actions. */
export function useRunActions(): RunActions {
  return useStores().run;
}
