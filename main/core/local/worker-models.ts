/**
 * The worker's loaded models: node-llama-cpp is imported lazily (llama-runtime.ts: the app runs without it), each (file, context
 * size, threads, GPU layers) is loaded once and shared, and runs on one model take turns on its one sequence.
 */
import { open } from 'node:fs/promises';
import type { LlamaContextSequence, LlamaModel, Token } from 'node-llama-cpp';
import { fail, ok, type AppError, type Result } from '../../../shared/result';
import {
  createLlamaRuntime,
  type LlamaRuntime,
  type NodeLlamaCpp,
  type RuntimeOptions,
} from './llama-runtime';
import { modelKey, type LoadedModelInfo, type LocalModelConfig } from './worker-protocol';

/** A model ready to run: its one context sequence and a queue that gives runs their turn. */
export interface LoadedModel {
  api: NodeLlamaCpp;
  model: LlamaModel;
  sequence: LlamaContextSequence;
  info: LoadedModelInfo;
  /** Settles when every run queued so far has finished. */
  tail: Promise<void>;
  /** Queued and running runs; a busy model is never evicted. */
  busy: number;
  lastUsed: number;
}

/** Options the composition root passes to the worker. */
export interface WorkerModelOptions extends RuntimeOptions {
  /** Most models kept loaded at once; the least recently used idle one is unloaded first. */
  maxLoaded: number;
}

/** Contexts larger than this are only made when the profile asks (a context costs memory up front). */
export const DEFAULT_CONTEXT_CAP = 4096;

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Whether the file starts with "GGUF" (false when it cannot be read). */
const startsWithGgufMagic = async (path: string): Promise<boolean> => {
  try {
    const file = await open(path, 'r');
    try {
      const { buffer, bytesRead } = await file.read(Buffer.alloc(4), 0, 4, 0);
      return bytesRead === 4 && buffer.toString('latin1') === 'GGUF';
    } finally {
      await file.close();
    }
  } catch {
    return false;
  }
};

/** The number of tokens in the model's vocabulary, from its GGUF metadata (0 when the file does not say). */
const vocabularySize = (model: LlamaModel): number => {
  const tokens: unknown = model.fileInfo.metadata.tokenizer?.ggml?.tokens;
  return Array.isArray(tokens) ? tokens.length : 0;
};

/** Loads and keeps models for the worker. */
export class WorkerModels {
  private readonly llamaRuntime: () => Promise<Result<LlamaRuntime>>;
  private readonly loaded = new Map<string, LoadedModel>();
  private readonly loading = new Map<string, Promise<Result<LoadedModel>>>();

  constructor(private readonly options: WorkerModelOptions) {
    this.llamaRuntime = createLlamaRuntime(options);
  }

  /** node-llama-cpp and its binary, or what failed and how to fix it (llama-runtime.ts). */
  runtime(): Promise<Result<LlamaRuntime>> {
    return this.llamaRuntime();
  }

  /**
   * The loaded model of `config`, loading it first if needed; concurrent callers share one load. A caller that
   * joined a load someone else cancelled (or that is winding down after a cancel) loads afresh instead of failing
   * with that cancellation.
   */
  async get(
    config: LocalModelConfig,
    onProgress: (progress: number) => void = () => {},
    signal?: AbortSignal,
  ): Promise<Result<LoadedModel>> {
    const key = modelKey(config);
    for (;;) {
      const ready = this.loaded.get(key);
      if (ready) {
        ready.lastUsed = Date.now();
        return ok(ready);
      }
      const joined = this.loading.get(key);
      if (!joined) {
        const pending = this.load(config, onProgress, signal).finally(() => {
          if (this.loading.get(key) === pending) this.loading.delete(key);
        });
        this.loading.set(key, pending);
        return pending;
      }
      const result = await joined;
      if (result.ok || result.error.code !== 'cancelled' || signal?.aborted) return result;
    }
  }

  private async load(
    config: LocalModelConfig,
    onProgress: (progress: number) => void,
    signal?: AbortSignal,
  ): Promise<Result<LoadedModel>> {
    // The engine checked the whole header before the first load; a reload (after an eviction) checks the magic
    // again in case the file was replaced meanwhile.
    if (!(await startsWithGgufMagic(config.path)))
      return fail('invalid_input', `${config.path} is no longer a GGUF model file.`, { param: 'modelPath' });
    const runtime = await this.runtime();
    if (!runtime.ok) return runtime;
    const { api, llama } = runtime.value;
    let model: LlamaModel;
    try {
      model = await llama.loadModel({
        modelPath: config.path,
        ...(config.gpuLayers !== undefined ? { gpuLayers: config.gpuLayers } : {}),
        onLoadProgress: onProgress,
        ...(signal ? { loadSignal: signal } : {}),
      });
    } catch (err) {
      if (signal?.aborted)
        return fail('unavailable', 'Loading the model was cancelled.', { code: 'cancelled' });
      return fail('invalid_input', `llama.cpp could not load ${config.path}: ${messageOf(err)}`, {
        param: 'modelPath',
      });
    }
    try {
      if (signal?.aborted) throw new Error('cancelled');
      const contextSize = config.contextSize ?? Math.min(model.trainContextSize, DEFAULT_CONTEXT_CAP);
      // Leave a core to the app: ggml's threads wait for each other at every step, so one preempted thread stalls
      // them all (on a 2-core machine, 2 threads ran ~7× slower than 1 while anything else was busy).
      const threads = config.threads ?? Math.max(1, llama.cpuMathCores - 1);
      const context = await model.createContext({ contextSize, threads, sequences: 1 });
      const entry: LoadedModel = {
        api,
        model,
        sequence: context.getSequence(),
        info: {
          name: model.fileInfo.metadata.general?.name?.trim() || config.path.replace(/^.*[\\/]/, ''),
          contextSize: context.contextSize,
          threads,
          vocabularySize: vocabularySize(model),
          gpu: llama.gpu,
        },
        tail: Promise.resolve(),
        busy: 0,
        lastUsed: Date.now(),
      };
      this.loaded.set(modelKey(config), entry);
      await this.evict(modelKey(config));
      return ok(entry);
    } catch (err) {
      await model.dispose().catch(() => {});
      if (signal?.aborted)
        return fail('unavailable', 'Loading the model was cancelled.', { code: 'cancelled' });
      return fail(
        'server_error',
        `llama.cpp could not create a context for ${config.path}: ${messageOf(err)}`,
      );
    }
  }

  /** Runs `task` when the model's earlier runs have finished (one sequence, one run at a time). */
  async withTurn<T>(entry: LoadedModel, task: () => Promise<T>): Promise<T> {
    entry.busy++;
    const previous = entry.tail;
    let release!: () => void;
    entry.tail = new Promise<void>((resolve) => (release = resolve));
    try {
      await previous;
      return await task();
    } finally {
      entry.busy--;
      entry.lastUsed = Date.now();
      release();
    }
  }

  /** The tokens a prompt is evaluated as: the model's begin-of-text token where it wants one, then the text. */
  promptTokens(entry: LoadedModel, text: string): Token[] {
    const tokens = entry.model.tokenize(text, false);
    const bos = entry.model.tokens.bos;
    return entry.model.tokens.shouldPrependBosToken && bos !== null ? [bos, ...tokens] : tokens;
  }

  /** Unloads one model (after its runs finish). */
  async unload(config: LocalModelConfig): Promise<void> {
    const key = modelKey(config);
    const entry = this.loaded.get(key);
    if (!entry) return;
    this.loaded.delete(key);
    await entry.tail;
    await entry.model.dispose();
  }

  /** Drops the least recently used idle models beyond the limit, never the one just loaded. */
  private async evict(keep: string): Promise<void> {
    const idle = [...this.loaded.entries()]
      .filter(([key, e]) => e.busy === 0 && key !== keep)
      .sort((a, b) => a[1].lastUsed - b[1].lastUsed);
    while (this.loaded.size > this.options.maxLoaded && idle.length > 0) {
      const [key, entry] = idle.shift()!;
      this.loaded.delete(key);
      await entry.model.dispose().catch(() => {});
    }
  }
}

/** An AppError for a failure inside a run. */
export const runFailure = (err: unknown): AppError => ({
  kind: 'server_error',
  message: `llama.cpp failed during generation: ${messageOf(err)}`,
});
