/**
 * The playground run as a pure reducer over user actions and RunEvents. Events arrive in batches (one per animation
 * frame), so a batch's deltas are joined per choice and each output string grows once per frame.
 */
import type { AppError } from '../../../shared/result';
import type {
  ChoiceEnd,
  RequestRecord,
  ResponseRecord,
  RunEvent,
  RunMetrics,
  Usage,
} from '../../../shared/run-events';
import type { Draft } from '../../../shared/schemas';
import { appendDeltas, type StreamedOutputs, type TextDelta } from './text-source';

/** Where a run is. */
export type RunStatus = 'starting' | 'running' | 'done' | 'error' | 'cancelled';

/** A retry in progress, with the wall-clock time its wait ends. */
export interface RetryView {
  attempt: number;
  maxAttempts: number;
  reason: string;
  status?: number;
  until: number;
}

/** Everything the output panel shows about one run. */
export interface RunView extends StreamedOutputs {
  runId: string;
  draft: Draft;
  status: RunStatus;
  /** Wall-clock ms when the user started it. */
  startedAt: number;
  /** How many leading characters of each output are the echoed prompt (set when echo is on). */
  echoLength: number;
  streamed?: boolean;
  request?: RequestRecord;
  response?: ResponseRecord;
  choices?: ChoiceEnd[];
  usage?: Usage;
  metrics?: RunMetrics;
  error?: AppError;
  retry?: RetryView;
}

/** The run state: the current run and the draft Regenerate repeats. */
export interface RunState {
  current: RunView | null;
}

/** What changes the run state. */
export type RunAction =
  | { type: 'start'; runId: string; draft: Draft; at: number }
  | { type: 'start-failed'; runId: string; error: AppError }
  | { type: 'events'; events: RunEvent[]; at: number };

/** The state before any run. */
export const INITIAL_RUN_STATE: RunState = { current: null };

/** Whether a run is still going. */
export const isActive = (run: RunView | null | undefined): boolean =>
  run?.status === 'starting' || run?.status === 'running';

function applyEvent(run: RunView, e: RunEvent, at: number, deltas: TextDelta[]): RunView {
  switch (e.type) {
    case 'started':
      return { ...run, status: 'running', request: e.request, streamed: e.streamed, retry: undefined };
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

function applyEvents(run: RunView, events: RunEvent[], at: number): RunView {
  const deltas: TextDelta[] = [];
  let next = run;
  let isTerminal = run.status === 'done' || run.status === 'error' || run.status === 'cancelled';
  for (const e of events) {
    // Exactly one terminal event ends a run (design rule 7): anything after it is ignored.
    if (e.runId !== run.runId || isTerminal) continue;
    next = applyEvent(next, e, at, deltas);
    isTerminal = e.type === 'done' || e.type === 'error' || e.type === 'cancelled';
  }
  return deltas.length === 0 ? next : { ...next, ...appendDeltas(run.outputs, deltas) };
}

/** The reducer. */
export function runReducer(state: RunState, action: RunAction): RunState {
  switch (action.type) {
    case 'start': {
      const { params } = action.draft;
      return {
        current: {
          runId: action.runId,
          draft: action.draft,
          status: 'starting',
          startedAt: action.at,
          outputs: Array.from({ length: Math.max(1, params.n ?? 1) }, () => ''),
          echoLength: params.echo === true ? params.prompt.length : 0,
        },
      };
    }
    case 'start-failed':
      if (state.current?.runId !== action.runId || !isActive(state.current)) return state;
      return { current: { ...state.current, status: 'error', error: action.error } };
    case 'events':
      if (!state.current) return state;
      {
        const next = applyEvents(state.current, action.events, action.at);
        return next === state.current ? state : { current: next };
      }
  }
}
