/**
 * Every run of the page as one pure reducer over user actions and RunEvents. Events arrive in batches (one per
 * animation frame), so a batch's deltas are joined per run and choice, and each output string grows once per frame.
 */
import type { AppError } from '../../../shared/result';
import { isTerminal, type RunEvent } from '../../../shared/run-events';
import { hasEnded, type RunsState, type RunView } from './run-view';
import { appendDeltas, type TextDelta } from './text-source';
import { appendTokens, asksForLogprobs, type TokenDelta } from './token-source';

type Delta = TextDelta & TokenDelta;

/** What changes the runs. */
export type RunsAction =
  /** Adds a run (new, queued or starting; or a recorded one), replacing any run of that id. */
  | { type: 'add'; run: RunView }
  /** A queued run's request was sent. */
  | { type: 'launched'; runId: string; at: number }
  /** The request never became a run: main refused it or could not be reached. */
  | { type: 'start-failed'; runId: string; error: AppError }
  /** A run that never reached main (still queued) was dropped. */
  | { type: 'cancel-queued'; runId: string }
  | { type: 'events'; events: RunEvent[]; at: number }
  /** Nobody shows the run any more: it leaves the page. */
  | { type: 'release'; runId: string };

/** The state before any run. */
export const NO_RUNS: RunsState = {};

function applyEvent(run: RunView, e: RunEvent, at: number, deltas: Delta[]): RunView {
  switch (e.type) {
    case 'started':
      return {
        ...run,
        status: 'running',
        request: e.request,
        streamed: e.streamed,
        retry: undefined,
        // The body as sent decides: the extra body may ask for probabilities too.
        wantsLogprobs: asksForLogprobs(e.request.body),
      };
    case 'delta':
      deltas.push(e);
      return run.retry ? { ...run, retry: undefined } : run;
    case 'retrying':
      return {
        ...run,
        retry: {
          attempt: e.attempt,
          maxAttempts: e.maxAttempts,
          reason: e.reason,
          until: at + e.delayMs,
          ...(e.status !== undefined ? { status: e.status } : {}),
        },
      };
    case 'usage':
      return { ...run, usage: e.usage };
    case 'done':
      return {
        ...run,
        status: 'done',
        choices: e.choices,
        usage: e.usage ?? run.usage,
        metrics: e.metrics,
        response: e.response,
        retry: undefined,
      };
    case 'error':
      return {
        ...run,
        status: 'error',
        error: e.error,
        metrics: e.metrics,
        response: e.response ?? run.response,
        retry: undefined,
      };
    case 'cancelled':
      return { ...run, status: 'cancelled', metrics: e.metrics, retry: undefined };
  }
}

/** One run's events of a batch, in order; the run itself when nothing changed. */
function applyRunEvents(run: RunView, events: readonly RunEvent[], at: number): RunView {
  const deltas: Delta[] = [];
  let next = run;
  let isOver = hasEnded(run);
  for (const e of events) {
    // Exactly one terminal event ends a run (docs/architecture.md#one-run-one-terminal-event): anything after it is
    // ignored.
    if (isOver) break;
    next = applyEvent(next, e, at, deltas);
    isOver = isTerminal(e);
  }
  if (deltas.length === 0) return next;
  return { ...next, ...appendDeltas(run.outputs, deltas), ...appendTokens(run, deltas) };
}

/** A batch of events applied to every run it names; events of runs not held are ignored. */
function applyBatch(runs: RunsState, events: readonly RunEvent[], at: number): RunsState {
  const byRun = new Map<string, RunEvent[]>();
  for (const e of events) {
    if (!(e.runId in runs)) continue;
    const list = byRun.get(e.runId);
    if (list) list.push(e);
    else byRun.set(e.runId, [e]);
  }
  let next = runs;
  for (const [runId, list] of byRun) {
    const run = runs[runId]!;
    const changed = applyRunEvents(run, list, at);
    if (changed !== run) next = { ...next, [runId]: changed };
  }
  return next;
}

const patch = (runs: RunsState, runId: string, fn: (run: RunView) => RunView | undefined): RunsState => {
  const run = runs[runId];
  const changed = run && fn(run);
  return changed ? { ...runs, [runId]: changed } : runs;
};

/** The reducer. */
export function runsReducer(runs: RunsState, action: RunsAction): RunsState {
  switch (action.type) {
    case 'add':
      return { ...runs, [action.run.runId]: action.run };
    case 'launched':
      return patch(runs, action.runId, (r) =>
        r.status === 'queued' ? { ...r, status: 'starting', startedAt: action.at } : undefined,
      );
    case 'start-failed':
      return patch(runs, action.runId, (r) =>
        hasEnded(r) ? undefined : { ...r, status: 'error', error: action.error, retry: undefined },
      );
    case 'cancel-queued':
      return patch(runs, action.runId, (r) =>
        r.status === 'queued' ? { ...r, status: 'cancelled' } : undefined,
      );
    case 'events':
      return applyBatch(runs, action.events, action.at);
    case 'release': {
      if (!(action.runId in runs)) return runs;
      const { [action.runId]: _gone, ...rest } = runs;
      return rest;
    }
  }
}
