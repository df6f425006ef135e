/**
 * What the page knows of one run, whoever started it (the playground, a Compare column) or recorded it (a History
 * entry): the one shape every output view draws.
 */
import type { CompletionParams } from '../../../shared/params';
import type { AppError } from '../../../shared/result';
import type { ChoiceEnd, RequestRecord, ResponseRecord, RunMetrics, Usage } from '../../../shared/run-events';
import type { StreamedOutputs } from './text-source';
import type { RunTokens } from './token-source';

/** Where a run is: waiting for a slot of its endpoint, asked for, streaming, or ended one of three ways. */
export type RunStatus = 'queued' | 'starting' | 'running' | 'done' | 'error' | 'cancelled';

/** A retry in progress, with the wall-clock time its wait ends. */
export interface RetryView {
  attempt: number;
  maxAttempts: number;
  reason: string;
  status?: number;
  until: number;
}

/** Everything an output view shows about one run. */
export interface RunView extends StreamedOutputs, RunTokens {
  runId: string;
  status: RunStatus;
  /** Wall-clock ms when it was started (or queued, until it starts). */
  startedAt: number;
  /** How many leading characters of each output are the echoed prompt (set when echo is on). */
  echoLength: number;
  /** Whether the request asked for token probabilities (so their absence is worth saying). */
  wantsLogprobs?: boolean;
  streamed?: boolean;
  request?: RequestRecord;
  response?: ResponseRecord;
  choices?: ChoiceEnd[];
  usage?: Usage;
  metrics?: RunMetrics;
  error?: AppError;
  retry?: RetryView;
  /** The profile and model it ran on: what its cost and a known rejection are looked up by. */
  profileId?: string;
  model?: string;
}

/** Every run the page holds, by runId. */
export type RunsState = Readonly<Record<string, RunView>>;

/** Whether a status is one of a run still waiting or going. */
export const isActiveStatus = (status: RunStatus | undefined): boolean =>
  status === 'queued' || status === 'starting' || status === 'running';

/** Whether a run is still waiting or going. */
export const isActive = (run: RunView | null | undefined): boolean => isActiveStatus(run?.status);

/** Whether a run has had its one terminal event (or a failed start, or was dropped from its queue). */
export const hasEnded = (run: RunView | null | undefined): boolean =>
  run?.status === 'done' || run?.status === 'error' || run?.status === 'cancelled';

/** A run about to start with `params`: one empty output per choice, and the echo length when echo is on. */
export const newRunView = (
  runId: string,
  params: CompletionParams,
  status: 'queued' | 'starting',
  at: number,
  profileId?: string,
): RunView => ({
  runId,
  status,
  startedAt: at,
  ...(profileId !== undefined ? { profileId } : {}),
  model: params.model,
  outputs: Array.from({ length: Math.max(1, params.n ?? 1) }, () => ''),
  echoLength: params.echo === true ? params.prompt.length : 0,
  ...(params.logprobs !== undefined ? { wantsLogprobs: true } : {}),
});
