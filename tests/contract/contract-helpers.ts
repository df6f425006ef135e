/** Helpers of the contract suite: a recording api wrapper (for the key search), runs driven to their end. */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { PlaygroundApi } from '../../shared/api';
import type { Result } from '../../shared/result';
import { isTerminal, type RunEvent, type TerminalRunEvent } from '../../shared/run-events';
import type { RunRequest } from '../../shared/schemas';

/** A fresh URL-safe run id. */
export const newRunId = () => `run_${randomBytes(9).toString('base64url')}`;

/** Wraps an api so every resolved value and every pushed event is kept as JSON for the key search. */
export const recordingApi = (api: PlaygroundApi): { api: PlaygroundApi; seen: string[] } => {
  const seen: string[] = [];
  api.onRunEvent((event) => void seen.push(JSON.stringify(event)));
  const wrapped = new Proxy(api, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || prop === 'onRunEvent' || prop === 'onImportRequest') return value;
      return async (...args: unknown[]) => {
        const result: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        seen.push(JSON.stringify(result));
        return result;
      };
    },
  });
  return { api: wrapped, seen };
};

/** A run's events, collected from before it starts until its terminal event. */
export interface RunOutcome {
  started: Result<{ runId: string }>;
  events: RunEvent[];
  terminal: TerminalRunEvent;
  /** Text per choice, from the deltas. */
  texts: string[];
}

/** Subscribes, starts the run and resolves at its terminal event (or when startRun fails). */
export const runToEnd = async (
  api: PlaygroundApi,
  request: RunRequest,
  onEvent?: (event: RunEvent) => void,
): Promise<RunOutcome> => {
  const events: RunEvent[] = [];
  let unsubscribe = () => {};
  const ended = new Promise<TerminalRunEvent>((resolve) => {
    unsubscribe = api.onRunEvent((event) => {
      if (event.runId !== request.runId) return;
      events.push(event);
      onEvent?.(event);
      if (isTerminal(event)) resolve(event);
    });
  });
  const started = await api.startRun(request);
  if (!started.ok) {
    unsubscribe();
    return { started, events, terminal: undefined as never, texts: [] };
  }
  const terminal = await ended;
  unsubscribe();
  const texts: string[] = [];
  for (const e of events) if (e.type === 'delta') texts[e.choice] = (texts[e.choice] ?? '') + e.text;
  return { started, events, terminal, texts };
};

/** Every file under a directory, as text (for the key search). */
export const readAllFiles = (dir: string): { path: string; text: string }[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? readAllFiles(path) : [{ path, text: readFileSync(path, 'latin1') }];
  });

/** A minimal valid run request. */
export const runRequest = (overrides: Partial<RunRequest['params']> = {}, profileId = 'r9s'): RunRequest => ({
  runId: newRunId(),
  profileId,
  params: { model: 'fake-model', prompt: 'Once upon a contract', stream: true, max_tokens: 8, ...overrides },
});
