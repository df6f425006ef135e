/**
 * Helpers for engine tests: run a completion against a fake server and collect its events, SSE chunk builders, and
 * a fake clock whose sleeps record their delay instead of waiting.
 */
import type { Clock } from '../../main/core/ports';
import {
  DEFAULT_RETRY_POLICY,
  DEFAULT_TIMEOUTS,
  runCompletion,
  type ProviderTarget,
  type RequestTimeouts,
} from '../../main/core/provider';
import type { CompletionParams } from '../../shared/params';
import type { RunEvent, TerminalRunEvent } from '../../shared/run-events';
import type { RetryPolicy } from '../../shared/schemas';

/** A clock whose sleeps resolve at once (or, with `holdSleeps`, only when aborted) and record their delays. */
export interface FakeClock extends Clock {
  sleeps: number[];
}

/** Creates a FakeClock; `now()` is real time so metrics stay sane. */
export const createFakeClock = (holdSleeps = false): FakeClock => {
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => performance.now(),
    sleep: (ms, signal) => {
      sleeps.push(ms);
      if (!holdSleeps || signal.aborted) return Promise.resolve();
      return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    },
  };
};

/** One SSE `data:` event. */
export const sse = (payload: unknown): string =>
  `data: ${typeof payload === 'string' ? payload : JSON.stringify(payload)}\n\n`;

/** A completion chunk for one choice, OpenAI/llama.cpp shaped. */
export const chunkOf = (
  text: string,
  index = 0,
  finish: string | null = null,
  extra: Record<string, unknown> = {},
) => ({
  id: 'cmpl-1',
  object: 'text_completion',
  created: 1,
  model: 'm',
  choices: [{ text, index, logprobs: null, finish_reason: finish }],
  ...extra,
});

/** What a collected run produced. */
export interface Collected {
  events: RunEvent[];
  terminal: TerminalRunEvent;
  /** Concatenated delta text per choice index. */
  texts: string[];
}

/** Options of collectRun beyond the params. */
export interface CollectOptions {
  apiKey?: string;
  headers?: Record<string, string>;
  retry?: Partial<RetryPolicy>;
  timeouts?: Partial<RequestTimeouts>;
  outputLimitChars?: number;
  whenWritable?: () => Promise<void> | undefined;
  extraBody?: Record<string, unknown>;
  clock?: Clock;
  controller?: AbortController;
  /** Called with every event as it is emitted (to abort at a chosen point, for instance). */
  onEvent?: (event: RunEvent, controller: AbortController) => void;
}

/** Default params of a test run against `baseUrl`. */
export const params = (over: Partial<CompletionParams> = {}): CompletionParams => ({
  model: 'fake-model',
  prompt: 'Once upon a time',
  stream: true,
  ...over,
});

/** Target for a base URL with the default (fast-forwarded) retry policy. */
export const targetOf = (baseUrl: string, o: CollectOptions = {}): ProviderTarget => ({
  baseUrl,
  apiKey: o.apiKey,
  headers: o.headers ?? {},
  retry: { ...DEFAULT_RETRY_POLICY, ...o.retry },
  timeouts: { ...DEFAULT_TIMEOUTS, ...o.timeouts },
});

/** Runs one completion with the real global fetch and collects its events. */
export const collectRun = async (
  baseUrl: string,
  p: CompletionParams,
  o: CollectOptions = {},
): Promise<Collected> => {
  const events: RunEvent[] = [];
  const texts: string[] = [];
  const controller = o.controller ?? new AbortController();
  const terminal = await runCompletion({
    runId: 'run-00000001',
    target: targetOf(baseUrl, o),
    params: p,
    extraBody: o.extraBody,
    signal: controller.signal,
    fetch: globalThis.fetch,
    clock: o.clock ?? createFakeClock(),
    random: () => 0.5,
    ...(o.outputLimitChars !== undefined ? { outputLimitChars: o.outputLimitChars } : {}),
    ...(o.whenWritable ? { whenWritable: o.whenWritable } : {}),
    emit: (event) => {
      events.push(event);
      if (event.type === 'delta') texts[event.choice] = (texts[event.choice] ?? '') + event.text;
      o.onEvent?.(event, controller);
    },
  });
  return { events, terminal, texts };
};

/** Narrows a terminal event to `error` (fails the test otherwise). */
export const expectError = (t: TerminalRunEvent) => {
  if (t.type !== 'error') throw new Error(`expected an error event, got ${JSON.stringify(t)}`);
  return t;
};

/** Narrows a terminal event to `done` (fails the test otherwise). */
export const expectDone = (t: TerminalRunEvent) => {
  if (t.type !== 'done') throw new Error(`expected a done event, got ${JSON.stringify(t)}`);
  return t;
};
