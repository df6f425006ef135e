/**
 * Test and bench helpers for the local engine: the worker runs from its TypeScript source under tsx, on the CPU
 * (no GPU probing: it only slows the start where there is none).
 */
import { Worker } from 'node:worker_threads';
import { createLocalEngine, type LocalEngine } from '../../../main/core/local';
import type { RunEvent, TerminalRunEvent } from '../../../shared/run-events';
import type { LocalRunOptions } from '../../../main/core/local';
import { systemClock } from '../../../main/core/provider';
import type { CompletionParams } from '../../../shared/params';

/** The worker's source file. */
const SOURCE_WORKER = new URL('../../../main/core/local/model-worker.ts', import.meta.url);

/**
 * Starts the worker from source: a small eval'd bootstrap registers tsx in the worker's own thread (a worker does
 * not inherit the parent's loader hooks, and `--import tsx` in its execArgv is not honoured on Node 20), then
 * imports model-worker.ts.
 */
export const spawnSourceWorker = (): Worker =>
  new Worker(
    `(async () => {
      const { register } = await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))});
      register();
      await import(${JSON.stringify(SOURCE_WORKER.href)});
    })();`,
    { eval: true, workerData: { gpu: false } },
  );

/** An engine whose worker runs from source. */
export const createSourceEngine = (): LocalEngine => createLocalEngine({ spawnWorker: spawnSourceWorker });

/** A run's events and its terminal event. */
export interface CollectedRun {
  events: RunEvent[];
  end: TerminalRunEvent;
  /** Text per choice, deltas joined. */
  texts: string[];
}

/** Runs one completion and collects what it emitted. */
export const collectRun = async (
  engine: LocalEngine,
  modelPath: string,
  params: Partial<CompletionParams>,
  extra: Partial<Pick<LocalRunOptions, 'extraBody' | 'signal'>> & { onEvent?: (e: RunEvent) => void } = {},
): Promise<CollectedRun> => {
  const events: RunEvent[] = [];
  const end = await engine.runCompletion({
    runId: 'run-1',
    model: { path: modelPath, contextSize: 512, threads: 1 },
    params: { model: '', prompt: 'Hello', stream: true, ...params },
    signal: extra.signal ?? new AbortController().signal,
    emit: (e) => {
      events.push(e);
      extra.onEvent?.(e);
    },
    clock: systemClock,
    ...(extra.extraBody ? { extraBody: extra.extraBody } : {}),
  });
  const texts: string[] = [];
  for (const e of events) if (e.type === 'delta') texts[e.choice] = (texts[e.choice] ?? '') + e.text;
  return { events, end, texts };
};
