/**
 * Test and bench helpers for the local engine: the worker runs from its TypeScript source under tsx, on the CPU
 * (no GPU probing: it only slows the start where there is none).
 */
import { Worker } from 'node:worker_threads';
import { createLocalEngine, type LocalEngine } from '../../../main/core/local';
import type { RunEvent, TerminalRunEvent } from '../../../shared/run-events';
import type { LocalModelConfig, LocalRunOptions } from '../../../main/core/local';
import { systemClock } from '../../../main/core/provider';
import type { CompletionParams } from '../../../shared/params';

/** How a test's worker differs from the app's. */
export interface SourceWorkerOptions {
  /** Makes node-llama-cpp look uninstalled (a resolve hook in the worker). */
  hideNodeLlamaCpp?: boolean;
  /** What the worker imports in place of node-llama-cpp (the worker's own port for tests). */
  llamaModule?: string;
}

/**
 * A node-llama-cpp whose llama.cpp binary fails to load, as on a machine where the prebuilt binary does not match:
 * the import works, getLlama throws.
 */
export const BROKEN_BINARY_MODULE = `data:text/javascript,${encodeURIComponent(
  `export const LlamaLogLevel = {};
   export async function getLlama() { throw new Error('libllama.so: cannot open shared object file'); }`,
)}`;

/** The worker's source file. */
const SOURCE_WORKER = new URL('../../../main/core/local/model-worker.ts', import.meta.url);

/**
 * Starts the worker from source: a small eval'd bootstrap registers tsx in the worker's own thread (a worker does
 * not inherit the parent's loader hooks, and `--import tsx` in its execArgv is not honoured on Node 20), then
 * imports model-worker.ts.
 */
export const spawnSourceWorker = (options: SourceWorkerOptions = {}): Worker =>
  new Worker(
    `(async () => {
      const { register } = await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))});
      register();
      ${options.hideNodeLlamaCpp ? `(await import('node:module')).register(${JSON.stringify(HIDE_NODE_LLAMA_CPP)});` : ''}
      await import(${JSON.stringify(SOURCE_WORKER.href)});
    })();`,
    {
      eval: true,
      workerData: { gpu: false, ...(options.llamaModule ? { llamaModule: options.llamaModule } : {}) },
    },
  );

/** A resolve hook that makes `node-llama-cpp` look uninstalled, as on a machine where it failed to install. */
const HIDE_NODE_LLAMA_CPP = `data:text/javascript,${encodeURIComponent(
  `export async function resolve(specifier, context, next) {
    if (specifier === 'node-llama-cpp') {
      throw Object.assign(new Error("Cannot find package 'node-llama-cpp'"), { code: 'ERR_MODULE_NOT_FOUND' });
    }
    return next(specifier, context);
  }`,
)}`;

/** An engine whose worker runs from source. */
export const createSourceEngine = (options: SourceWorkerOptions = {}): LocalEngine =>
  createLocalEngine({ spawnWorker: () => spawnSourceWorker(options) });

/** The model settings the tests use: a small context and one thread (the machine is shared). */
export const testModel = (path: string): LocalModelConfig => ({ path, contextSize: 512, threads: 1 });

/**
 * Loads the test model; when llama.cpp's binary cannot load on this machine, returns the reason to skip the
 * engine tests with (any other failure is a real one and throws).
 */
export const loadOrSkipReason = async (engine: LocalEngine, path: string): Promise<string | undefined> => {
  const loaded = await engine.load(testModel(path));
  if (loaded.ok) return undefined;
  if (loaded.error.kind === 'unavailable' && /node-llama-cpp|binary/.test(loaded.error.message))
    return `llama.cpp's native binary did not load here: ${loaded.error.message}`;
  throw new Error(`loading the test model failed: ${loaded.error.message}`);
};

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
  extra: Partial<Pick<LocalRunOptions, 'extraBody' | 'signal' | 'model' | 'outputLimitChars'>> & {
    onEvent?: (e: RunEvent) => void;
  } = {},
): Promise<CollectedRun> => {
  const events: RunEvent[] = [];
  const end = await engine.runCompletion({
    runId: 'run-1',
    model: extra.model ?? testModel(modelPath),
    params: { model: '', prompt: 'Hello', stream: true, ...params },
    signal: extra.signal ?? new AbortController().signal,
    emit: (e) => {
      events.push(e);
      extra.onEvent?.(e);
    },
    clock: systemClock,
    ...(extra.extraBody ? { extraBody: extra.extraBody } : {}),
    ...(extra.outputLimitChars !== undefined ? { outputLimitChars: extra.outputLimitChars } : {}),
  });
  const texts: string[] = [];
  for (const e of events) if (e.type === 'delta') texts[e.choice] = (texts[e.choice] ?? '') + e.text;
  return { events, end, texts };
};
