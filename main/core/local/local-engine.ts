/**
 * The local engine: GGUF models run by llama.cpp (node-llama-cpp) in a worker thread, behind the same run interface
 * as HTTP providers. One engine per app; the composition root creates it with the spawner of its built worker
 * script. Loads are shared: callers of the same model wait on one load, and it is cancelled only when all of them
 * have given up.
 */
import { resolve } from 'node:path';
import type { ModelInfo } from '../../../shared/api';
import { fail, ok, type Result } from '../../../shared/result';
import type { TerminalRunEvent } from '../../../shared/run-events';
import type { Logger } from '../ports';
import { readGgufSummary, type GgufSummary } from './gguf-header';
import { runLocalCompletion, type LocalRunOptions } from './run-local-completion';
import { WorkerClient, type OpenRequest, type SpawnModelWorker } from './worker-client';
import { modelKey, type LoadedModelInfo, type LocalModelConfig, type LocalToken } from './worker-protocol';

/** What the engine needs from its host. */
export interface LocalEngineOptions {
  spawnWorker: SpawnModelWorker;
  /** Where llama.cpp's warnings and errors go (they never contain prompts or keys). */
  logger?: Pick<Logger, 'warn' | 'error'>;
}

/** Options of one load. */
export interface LoadOptions {
  /** Aborting it stops waiting; the load itself stops when no one else waits for it. */
  signal?: AbortSignal;
  /** Load progress from 0 to 1. */
  onProgress?: (progress: number) => void;
}

/** The local engine's operations; results are values (docs/architecture.md#failures-are-values). */
export interface LocalEngine {
  /** Checks a model file without loading it: exists, readable, GGUF; its name and trained context length. */
  inspect(config: LocalModelConfig): Promise<Result<GgufSummary>>;
  /** Loads the model (or joins the load under way); resolves when runs can start. */
  load(config: LocalModelConfig, options?: LoadOptions): Promise<Result<LoadedModelInfo>>;
  /** Runs one completion; emits the same RunEvents as the HTTP engine's runCompletion. */
  runCompletion(options: LocalRunOptions): Promise<TerminalRunEvent>;
  /** The `/v1/models` equivalent: the file's model name. */
  listModels(config: LocalModelConfig): Promise<Result<ModelInfo[]>>;
  /** The exact tokens the model evaluates for `text` (its begin-of-text token included where it adds one). */
  tokenize(config: LocalModelConfig, text: string, signal?: AbortSignal): Promise<Result<LocalToken[]>>;
  /** Frees a model's memory once its runs have finished. */
  unload(config: LocalModelConfig): Promise<void>;
  /** Stops the worker and every model. */
  dispose(): Promise<void>;
}

interface SharedLoad {
  promise: Promise<Result<LoadedModelInfo>>;
  listeners: Set<(progress: number) => void>;
  waiters: number;
  request: OpenRequest;
}

const cancelledLoad = (): Result<never> =>
  fail('unavailable', 'Loading the model was cancelled.', { code: 'cancelled' });

/** Resolves when `signal` aborts (never, without one). */
const aborted = (signal: AbortSignal | undefined): Promise<'aborted'> =>
  new Promise((resolve) => {
    if (!signal) return;
    if (signal.aborted) return resolve('aborted');
    signal.addEventListener('abort', () => resolve('aborted'), { once: true });
  });

/** Creates the engine; nothing starts (no worker, no import of node-llama-cpp) until the first call needs it. */
export const createLocalEngine = (options: LocalEngineOptions): LocalEngine => {
  /** Keys of models the worker has loaded: their header was checked, so a run does not read it again. */
  const ready = new Map<string, LocalModelConfig>();
  const client = new WorkerClient(options.spawnWorker, {
    onLog: (level, message) => options.logger?.[level]('llama.cpp', { message }),
    onExit: () => ready.clear(),
  });
  const loads = new Map<string, SharedLoad>();
  const normalise = (config: LocalModelConfig): LocalModelConfig => ({
    ...config,
    path: resolve(config.path),
  });

  const startLoad = (config: LocalModelConfig, key: string): SharedLoad => {
    let settle!: (r: Result<LoadedModelInfo>) => void;
    const promise = new Promise<Result<LoadedModelInfo>>((r) => (settle = r));
    const listeners = new Set<(progress: number) => void>();
    const request = client.request(
      { type: 'load', config },
      {
        message: (msg) => {
          if (msg.type === 'progress') for (const l of listeners) l(msg.progress);
          else if (msg.type === 'loaded') settle(ok(msg.info));
          else if (msg.type === 'failed') settle({ ok: false, error: msg.error });
        },
        end: (error) => settle({ ok: false, error }),
      },
    );
    const shared: SharedLoad = { promise, listeners, waiters: 0, request };
    void promise.then((result) => {
      if (result.ok) ready.set(key, config);
      request.close();
      if (loads.get(key) === shared) loads.delete(key);
    });
    return shared;
  };

  const load = async (raw: LocalModelConfig, opts: LoadOptions = {}): Promise<Result<LoadedModelInfo>> => {
    const config = normalise(raw);
    const key = modelKey(config);
    if (!ready.has(key)) {
      // The header is checked before llama.cpp sees the file: a wrong file is a clear error, not a native failure.
      const summary = await readGgufSummary(config.path);
      if (!summary.ok) return summary;
    }
    if (opts.signal?.aborted) return cancelledLoad();
    let shared = loads.get(key);
    if (!shared) {
      shared = startLoad(config, key);
      loads.set(key, shared);
    }
    shared.waiters++;
    if (opts.onProgress) shared.listeners.add(opts.onProgress);
    try {
      const outcome = await Promise.race([shared.promise, aborted(opts.signal)]);
      return outcome === 'aborted' ? cancelledLoad() : outcome;
    } finally {
      shared.waiters--;
      if (opts.onProgress) shared.listeners.delete(opts.onProgress);
      if (shared.waiters === 0 && opts.signal?.aborted) shared.request.cancel();
    }
  };

  const unload = (raw: LocalModelConfig) =>
    new Promise<void>((settle) => {
      const config = normalise(raw);
      ready.delete(modelKey(config));
      const request = client.request(
        { type: 'unload', config },
        {
          message: () => {
            request.close();
            settle();
          },
          end: () => settle(),
        },
      );
    });

  return {
    inspect: (config) => readGgufSummary(resolve(config.path)),
    load,
    runCompletion: (runOptions) =>
      runLocalCompletion(
        {
          load: (config, signal) => load(config, { signal }),
          request: (message, handler) => client.request(message, handler),
        },
        { ...runOptions, model: normalise(runOptions.model) },
      ),
    listModels: async (config) => {
      const summary = await readGgufSummary(resolve(config.path));
      return summary.ok ? ok([{ id: summary.value.name, ownedBy: 'local' }]) : summary;
    },
    tokenize: async (raw, text, signal) => {
      const config = normalise(raw);
      const loaded = await load(config, signal ? { signal } : {});
      if (!loaded.ok) return loaded;
      return new Promise<Result<LocalToken[]>>((settle) => {
        const request = client.request(
          { type: 'tokenize', config, text },
          {
            message: (msg) => {
              if (msg.type === 'tokens') settle(ok(msg.tokens));
              else if (msg.type === 'failed') settle({ ok: false, error: msg.error });
              else return;
              request.close();
            },
            end: (error) => settle({ ok: false, error }),
          },
        );
      });
    },
    unload,
    // Models are freed (after their runs end) before the thread stops: terminating a thread that still holds
    // llama.cpp's native objects can abort the whole process.
    dispose: async () => {
      await Promise.all([...ready.values()].map((config) => unload(config)));
      await client.terminate();
    },
  };
};
