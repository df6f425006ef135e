/**
 * One completion run on a local GGUF model, with the same inputs and the same RunEvents as the HTTP engine's
 * runCompletion: `started`, deltas (with logprobs when asked), `usage`, then exactly one terminal event
 * (docs/architecture.md#one-run-one-terminal-event). Never throws: every failure is an `error` event.
 */
import { basename } from 'node:path';
import type { CompletionParams } from '../../../shared/params';
import type { AppError, Result } from '../../../shared/result';
import type {
  ChoiceEnd,
  RequestRecord,
  ResponseRecord,
  RunEvent,
  RunMetrics,
  TerminalRunEvent,
  Usage,
} from '../../../shared/run-events';
import type { Clock } from '../ports';
import { buildBody } from '../../../shared/request-body';
import { OUTPUT_LIMIT_CHARS } from '../../../shared/schemas';
import { cut } from '../provider/completion-state';
import { outputLimitError } from '../provider/guard-errors';
import { planLocalCompletion, type LocalPlan } from './local-params';
import type { OpenRequest, RequestHandler } from './worker-client';
import type { LoadedModelInfo, LocalModelConfig } from './worker-protocol';

/** Everything a local run needs; mirrors RunCompletionOptions with a model file in place of an HTTP target. */
export interface LocalRunOptions {
  runId: string;
  model: LocalModelConfig;
  params: CompletionParams;
  extraBody?: Record<string, unknown>;
  /** Aborting it stops generation before the next token; the run then ends `cancelled`. */
  signal: AbortSignal;
  emit: (event: RunEvent) => void;
  clock: Clock;
  /** Most characters kept per choice, as for HTTP runs; the run then ends with the output-limit error. */
  outputLimitChars?: number;
}

/** What the engine lends a run: the shared model load and a way to send the run to the worker. */
export interface LocalRunDeps {
  load(config: LocalModelConfig, signal: AbortSignal): Promise<Result<LoadedModelInfo>>;
  request(
    message: { type: 'run'; config: LocalModelConfig; plan: LocalPlan },
    handler: RequestHandler,
  ): OpenRequest;
}

/** Runs one completion on a local model; emits its events and returns the terminal one. */
export const runLocalCompletion = async (
  deps: LocalRunDeps,
  options: LocalRunOptions,
): Promise<TerminalRunEvent> => {
  const { runId, model, params, extraBody, signal, emit, clock } = options;
  const outputLimit = options.outputLimitChars ?? OUTPUT_LIMIT_CHARS.default;
  /** Characters kept so far per choice. */
  const kept: number[] = [];
  const start = clock.now();
  let terminal: TerminalRunEvent | undefined;
  let firstTokenAt: number | undefined;
  let deltaCount = 0;
  let usage: Usage | undefined;

  const metrics = (): RunMetrics => {
    const end = clock.now();
    const m: RunMetrics = { durationMs: end - start, attempts: 1 };
    if (firstTokenAt !== undefined) {
      m.ttftMs = firstTokenAt - start;
      const tokens = usage?.completion_tokens ?? deltaCount;
      if (end > firstTokenAt && tokens > 0) m.tokensPerSecond = tokens / ((end - firstTokenAt) / 1000);
    }
    return m;
  };
  const finish = (event: TerminalRunEvent): TerminalRunEvent => {
    if (terminal) return terminal;
    terminal = event;
    try {
      emit(event);
    } catch {
      // A broken listener must not turn into a second terminal event; the run's result is still returned.
    }
    return event;
  };
  const cancelled = () => finish({ type: 'cancelled', runId, metrics: metrics() });
  const failed = (error: AppError) =>
    finish({ type: 'error', runId, error, metrics: metrics(), partial: deltaCount > 0 });

  try {
    // The same body an HTTP server would get: history, exports and "copy as code" show one request shape.
    const body = buildBody(params, extraBody);
    const record: RequestRecord = {
      url: `local:${basename(model.path)}`,
      method: 'POST',
      headers: {},
      body: JSON.parse(JSON.stringify(body)) as Record<string, unknown>,
    };
    const planned = planLocalCompletion(body);
    emit({
      type: 'started',
      runId,
      request: record,
      streamed: planned.ok && planned.value.plan.stream,
      at: start,
    });
    if (!planned.ok) return failed(planned.error);
    const { plan, ignored } = planned.value;
    if (signal.aborted) return cancelled();
    const loaded = await deps.load(model, signal);
    // The user cancelled the load this run waited for (the progress bar's Cancel): the run is cancelled too.
    if (signal.aborted || (!loaded.ok && loaded.error.code === 'cancelled')) return cancelled();
    if (!loaded.ok) return failed(loaded.error);
    const info = loaded.value;

    const ends = new Map<number, ChoiceEnd>();
    return await new Promise<TerminalRunEvent>((resolve) => {
      // A holder, not a const: the worker client may answer (a worker that cannot start) before request() returns.
      const held: { open?: OpenRequest } = {};
      const settle = (event: TerminalRunEvent) => {
        signal.removeEventListener('abort', onAbort);
        held.open?.close();
        resolve(event);
      };
      const onAbort = () => {
        held.open?.cancel();
        settle(cancelled());
      };
      held.open = deps.request(
        { type: 'run', config: model, plan },
        {
          message: (msg) => {
            if (terminal) return;
            if (msg.type === 'delta') {
              // The same per-choice cap as HTTP runs: a model that never stops must not fill memory or history.
              const used = kept[msg.choice] ?? 0;
              const text =
                used + msg.text.length > outputLimit ? cut(msg.text, outputLimit - used) : msg.text;
              if (text !== '' && firstTokenAt === undefined) firstTokenAt = clock.now();
              if (text !== '' || text === msg.text) {
                kept[msg.choice] = used + text.length;
                deltaCount++;
                const event: RunEvent = { type: 'delta', runId, choice: msg.choice, text };
                if (msg.logprobs && text === msg.text) event.logprobs = msg.logprobs;
                emit(event);
              }
              if (text !== msg.text) {
                held.open?.cancel();
                settle(failed(outputLimitError(msg.choice, outputLimit)));
              }
            } else if (msg.type === 'choice-end') {
              const end: ChoiceEnd = { index: msg.choice, finishReason: msg.finishReason };
              if (msg.matchedStop !== undefined) end.matchedStop = msg.matchedStop;
              ends.set(msg.choice, end);
            } else if (msg.type === 'run-end') {
              usage = msg.usage;
              emit({ type: 'usage', runId, usage });
              const choices = [...ends.values()].sort((a, b) => a.index - b.index);
              settle(
                finish({
                  type: 'done',
                  runId,
                  choices,
                  usage,
                  metrics: metrics(),
                  response: responseRecord(info, ignored, msg.notes),
                }),
              );
            } else if (msg.type === 'failed') {
              settle(failed(msg.error));
            }
          },
          end: (error) => settle(failed(error)),
        },
      );
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
  } catch (err) {
    if (signal.aborted) return cancelled();
    const message = err instanceof Error ? err.message : String(err);
    return failed({ kind: 'protocol', message: `Internal error while running the local model: ${message}` });
  }
};

/** The local stand-in for a server's answer: which model ran, and what it did not honour. */
const responseRecord = (
  info: LoadedModelInfo,
  ignored: { param: string; reason: string }[],
  notes: string[],
): ResponseRecord => {
  const headers: Record<string, string> = {
    'x-local-model': info.name,
    'x-local-context-size': String(info.contextSize),
  };
  if (ignored.length > 0)
    headers['x-local-ignored'] = ignored.map((i) => `${i.param} (${i.reason})`).join('; ');
  if (notes.length > 0) headers['x-local-notes'] = notes.join('; ');
  return { status: 200, statusText: 'OK', headers };
};
