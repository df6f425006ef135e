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

/** A branch point the playground remembers: the run branched from, and what to return to. */
export interface BranchMark {
  /** The run branched from; held in the runs store while the mark stands, so Back shows it again. */
  parentRunId: string;
  /** The draft that run was made with (Regenerate after Back repeats it). */
  parentDraft?: Draft;
  /** The run that run itself branched from, if it was a branch. */
  grandparentRunId?: string;
  /** The editor's prompt before the branch replaced it. */
  previousPrompt: string;
  /** The prompt the branch was run with. */
  branchPrompt: string;
  /** The 1-based number of the token branched from ("Back to 12-token branch"). */
  position: number;
}

/** Most branch points remembered; past it the oldest is forgotten and its run leaves the page. */
export const MAX_BRANCH_MARKS = 20;

/** The playground's current run: its id in the runs store, and the draft Regenerate repeats. */
export interface CurrentRun {
  runId?: string;
  draft?: Draft;
  /** The run the current one branched from (sent with the request, so history links them). */
  parentRunId?: string;
  /** Branch points, the latest last. */
  branches?: readonly BranchMark[];
}

/** The playground run: which run of the runs store the main output shows, and the actions on it. */
export interface RunStore extends RunActions {
  store: Store<CurrentRun>;
  isRunning: () => boolean;
  /** Runs `draft` as a branch of the current run, remembering `mark` (the current run stays in the page). */
  branch: (draft: Draft, mark: Omit<BranchMark, 'parentRunId' | 'parentDraft' | 'grandparentRunId'>) => void;
  /** Forgets the latest branch point and shows its parent run again; returns the mark, or undefined when none. */
  back: () => BranchMark | undefined;
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
  const isHeld = (runId: string) => (store.get().branches ?? []).some((b) => b.parentRunId === runId);
  const launch = (
    draft: Draft,
    parentRunId: string | undefined,
    branches: readonly BranchMark[] | undefined,
  ) => {
    const runId = crypto.randomUUID();
    store.set({
      runId,
      draft,
      ...(parentRunId !== undefined ? { parentRunId } : {}),
      ...(branches && branches.length > 0 ? { branches } : {}),
    });
    runs.start({
      ...runRequestFor(runId, draft, deps.getProfileId() ?? ''),
      ...(parentRunId ? { parentRunId } : {}),
    });
  };
  const run = (draft: Draft = deps.getDraft(), parentRunId?: string) => {
    const { runId: previous, branches } = store.get();
    // The run shown before is not shown any more: it leaves the store, cancelled if still going (unless a branch
    // point holds it, to show it again on Back).
    if (previous !== undefined && !isHeld(previous)) runs.release(previous);
    launch(draft, parentRunId, branches);
  };
  return {
    store,
    run: (draft?: Draft) => run(draft),
    stop,
    regenerate: () => run(store.get().draft, store.get().parentRunId),
    isRunning: () => isActive(current()),
    branch(draft, mark) {
      const {
        runId: parentRunId,
        draft: parentDraft,
        parentRunId: grandparentRunId,
        branches = [],
      } = store.get();
      if (parentRunId === undefined) return run(draft);
      const kept = [
        ...branches,
        {
          ...mark,
          parentRunId,
          ...(parentDraft ? { parentDraft } : {}),
          ...(grandparentRunId !== undefined ? { grandparentRunId } : {}),
        },
      ];
      // The oldest point past the limit is forgotten, and its run leaves the page.
      for (const old of kept.splice(0, Math.max(0, kept.length - MAX_BRANCH_MARKS)))
        runs.release(old.parentRunId);
      launch(draft, parentRunId, kept);
    },
    back() {
      const { runId, branches = [] } = store.get();
      const mark = branches[branches.length - 1];
      if (!mark) return undefined;
      if (runId !== undefined && runId !== mark.parentRunId) runs.release(runId);
      const rest = branches.slice(0, -1);
      store.set({
        runId: mark.parentRunId,
        ...(mark.parentDraft ? { draft: mark.parentDraft } : {}),
        ...(mark.grandparentRunId !== undefined ? { parentRunId: mark.grandparentRunId } : {}),
        ...(rest.length > 0 ? { branches: rest } : {}),
      });
      return mark;
    },
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
