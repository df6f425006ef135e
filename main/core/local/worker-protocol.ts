/**
 * Messages between the local engine (main process or web mode) and its model worker thread. The model and every
 * llama.cpp call live in the worker, so neither event loop ever waits on a load or a token.
 */
import type { TokenLogprob } from '../../../shared/token-logprobs';
import type { AppError } from '../../../shared/result';
import type { Usage } from '../../../shared/run-events';
import type { LocalPlan } from './local-params';

/** Which model to run and how: one loaded model is shared by every run with the same settings. */
export interface LocalModelConfig {
  /** Absolute path of the `.gguf` file. */
  path: string;
  /** Tokens the context holds (default: the model's training context, at most 4,096; llama.cpp rounds up to 256s). */
  contextSize?: number;
  /** CPU threads for evaluation (default: one fewer than the CPU's math cores, at least 1). */
  threads?: number;
  /** Layers offloaded to a GPU, where a GPU backend loaded (default: as many as fit). */
  gpuLayers?: number;
}

/** The identity of a loaded model: the same key shares one load. */
export const modelKey = (c: LocalModelConfig): string =>
  JSON.stringify([c.path, c.contextSize ?? null, c.threads ?? null, c.gpuLayers ?? null]);

/** What a finished load reports. */
export interface LoadedModelInfo {
  name: string;
  contextSize: number;
  threads: number;
  vocabularySize: number;
  /** Whether llama.cpp runs on a GPU backend, and which. */
  gpu: string | false;
}

/** One token of a text, as the model's own tokenizer splits it. */
export interface LocalToken {
  id: number;
  text: string;
}

/** Main → worker. `id` names the request; `cancel` applies to a load or a run with that id. */
export type ToWorker =
  | { type: 'load'; id: number; config: LocalModelConfig }
  | { type: 'run'; id: number; config: LocalModelConfig; plan: LocalPlan }
  | { type: 'tokenize'; id: number; config: LocalModelConfig; text: string }
  | { type: 'cancel'; id: number }
  | { type: 'unload'; id: number; config: LocalModelConfig }
  /** Imports node-llama-cpp and loads its binary, without a model: can local models run here at all? */
  | { type: 'check'; id: number };

/** Worker → main. */
export type FromWorker =
  | { type: 'progress'; id: number; progress: number }
  | { type: 'loaded'; id: number; info: LoadedModelInfo }
  | { type: 'failed'; id: number; error: AppError }
  | { type: 'delta'; id: number; choice: number; text: string; logprobs?: TokenLogprob[] }
  | { type: 'choice-end'; id: number; choice: number; finishReason: 'stop' | 'length'; matchedStop?: string }
  | { type: 'run-end'; id: number; usage: Usage; notes: string[] }
  | { type: 'tokens'; id: number; tokens: LocalToken[] }
  | { type: 'unloaded'; id: number }
  | { type: 'checked'; id: number; gpu: string | false }
  | { type: 'log'; level: 'warn' | 'error'; message: string };
