/**
 * The local engine: GGUF models run by llama.cpp (node-llama-cpp) in a worker thread, behind the same run interface
 * as HTTP providers. One engine per app; the composition root creates it with the spawner of its built worker
 * script. Loads are shared: callers of the same model wait on one load, and it is cancelled when all of them have
 * given up or when the user cancels it (model-loads.ts).
 */
import { resolve } from 'node:path';
import type { ModelInfo } from '../../../shared/api';
import type { LocalModelStatus } from '../../../shared/local-model';
import { ok, type Result } from '../../../shared/result';
import type { TerminalRunEvent } from '../../../shared/run-events';
import type { Logger } from '../ports';
import { readGgufSummary, type GgufSummary } from './gguf-header';
import { cancelledLoad, ModelLoads, type JoinOptions } from './model-loads';
import { runLocalCompletion, type LocalRunOptions } from './run-local-completion';
import { WorkerClient, type SpawnModelWorker } from './worker-client';
import { modelKey, type LoadedModelInfo, type LocalModelConfig, type LocalToken } from './worker-protocol';

/** What the engine needs from its host. */
export interface LocalEngineOptions {
  spawnWorker: SpawnModelWorker;
  /** Where llama.cpp's warnings and errors go (they never contain prompts or keys). */
  logger?: Pick<Logger, 'warn' | 'error'>;
}

/** The engine on this machine: node-llama-cpp imported, its binary loaded, on this GPU backend (false: CPU). */
export interface LocalEngineInfo {
  gpu: string | false;
}

/** Options of one load. */
export type LoadOptions = JoinOptions;

/** The local engine's operations; results are values (docs/architecture.md#failures-are-values). */
export interface LocalEngine {
  /** Checks a model file without loading it: exists, readable, GGUF; its name and trained context length. */
  inspect(config: LocalModelConfig): Promise<Result<GgufSummary>>;
  /** Loads the model (or joins the load under way); resolves when runs can start. */
  load(config: LocalModelConfig, options?: LoadOptions): Promise<Result<LoadedModelInfo>>;
  /** Where the model's load stands (a run's load included), for the page to poll. */
  status(config: LocalModelConfig): LocalModelStatus;
  /** Cancels the model's load under way for everyone waiting on it (a run waiting ends cancelled). */
  cancelLoad(config: LocalModelConfig): boolean;
  /** Whether node-llama-cpp imports and its binary loads here, and on which GPU backend it runs. */
  check(): Promise<Result<LocalEngineInfo>>;
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

/** Creates the engine; nothing starts (no worker, no import of node-llama-cpp) until the first call needs it. */
export const createLocalEngine = (options: LocalEngineOptions): LocalEngine => {
  /** Keys of models the worker has loaded: their header was checked, so a run does not read it again. */
  const ready = new Map<string, LocalModelConfig>();
  const client = new WorkerClient(options.spawnWorker, {
    onLog: (level, message) => options.logger?.[level]('llama.cpp', { message }),
    onExit: () => {
      ready.clear();
      loads.forgetLoaded();
    },
  });
  const normalise = (config: LocalModelConfig): LocalModelConfig => ({
    ...config,
    path: resolve(config.path),
  });
  const loads = new ModelLoads(
    (message, handler) => client.request(message, handler),
    (key, config) => ready.set(key, config),
  );

  const load = async (raw: LocalModelConfig, opts: LoadOptions = {}): Promise<Result<LoadedModelInfo>> => {
    const config = normalise(raw);
    const key = modelKey(config);
    if (!ready.has(key)) {
      // The header is checked before llama.cpp sees the file: a wrong file is a clear error, not a native failure.
      const mark = loads.checking(key);
      const summary = await readGgufSummary(config.path);
      if (loads.cancelledSince(key, mark)) return cancelledLoad();
      if (!summary.ok) {
        loads.failed(key, summary.error);
        return summary;
      }
    }
    return loads.join(key, config, opts);
  };

  const unload = (raw: LocalModelConfig) =>
    new Promise<void>((settle) => {
      const config = normalise(raw);
      ready.delete(modelKey(config));
      loads.forget(modelKey(config));
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
    status: (config) => loads.status(modelKey(normalise(config))),
    cancelLoad: (config) => loads.cancel(modelKey(normalise(config))),
    check: () =>
      new Promise<Result<LocalEngineInfo>>((settle) => {
        const request = client.request(
          { type: 'check' },
          {
            message: (msg) => {
              if (msg.type === 'checked') settle(ok({ gpu: msg.gpu }));
              else if (msg.type === 'failed') settle({ ok: false, error: msg.error });
              else return;
              request.close();
            },
            end: (error) => settle({ ok: false, error }),
          },
        );
      }),
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
