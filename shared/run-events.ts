/**
 * A run is a runId, a stream of RunEvents, and exactly one terminal event: `done`, `error` or `cancelled`
 * (docs/architecture.md#one-run-one-terminal-event). Deltas carry only new text, never the accumulated output.
 */
import type { TokenLogprob } from './token-logprobs';
import type { AppError } from './result';

/** Why a choice stopped, as the server said it (spec: stop / length / content_filter; others pass through). */
export type FinishReason = 'stop' | 'length' | 'content_filter' | (string & {});

/** Token counts as reported by the server. */
export interface Usage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
}

/** Timings of a run, measured in main from the request start. */
export interface RunMetrics {
  /** Milliseconds from sending the request to the first non-empty delta. */
  ttftMs?: number;
  /** Milliseconds from sending the request to the terminal event. */
  durationMs: number;
  /** Completion tokens (reported, else counted chunks) per second after the first token. */
  tokensPerSecond?: number;
  /** How many attempts the request took (1 when no retry happened). */
  attempts: number;
}

/** The exact request of a run, with the key redacted. */
export interface RequestRecord {
  url: string;
  method: 'POST';
  /** Header values as sent, except `Authorization: Bearer [redacted]`. */
  headers: Record<string, string>;
  /** The exact JSON body sent. */
  body: Record<string, unknown>;
}

/** What the server answered. */
export interface ResponseRecord {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  /** The raw final chunk (streamed) or the raw body (not streamed), at most 64 kB. */
  raw?: string;
}

/** How one choice ended. */
export interface ChoiceEnd {
  index: number;
  finishReason: FinishReason | null;
  /** The stop sequence that ended it, where the server says (vLLM `stop_reason`, SGLang `matched_stop`). */
  matchedStop?: string;
}

/** Every event of a run. */
export type RunEvent =
  | { type: 'started'; runId: string; request: RequestRecord; streamed: boolean; at: number }
  | {
      type: 'delta';
      runId: string;
      choice: number;
      text: string;
      /** Per-token log-probabilities of this text, when the request asked for them and the engine has them. */
      logprobs?: TokenLogprob[];
      /** How many leading entries of `logprobs` are the echoed prompt rather than generated text (echo on). */
      promptTokens?: number;
    }
  | {
      type: 'retrying';
      runId: string;
      attempt: number;
      maxAttempts: number;
      delayMs: number;
      reason: string;
      status?: number;
    }
  | { type: 'usage'; runId: string; usage: Usage }
  | {
      type: 'done';
      runId: string;
      choices: ChoiceEnd[];
      usage?: Usage;
      metrics: RunMetrics;
      response: ResponseRecord;
    }
  | {
      type: 'error';
      runId: string;
      error: AppError;
      metrics: RunMetrics;
      response?: ResponseRecord;
      /** True when some output had already streamed (it is kept, marked incomplete). */
      partial: boolean;
    }
  | { type: 'cancelled'; runId: string; metrics: RunMetrics };

/** The event types that end a run. */
export type TerminalRunEvent = Extract<RunEvent, { type: 'done' | 'error' | 'cancelled' }>;

/** Whether an event ends its run. */
export const isTerminal = (e: RunEvent): e is TerminalRunEvent =>
  e.type === 'done' || e.type === 'error' || e.type === 'cancelled';
