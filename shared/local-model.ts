/**
 * What the page may know about a local (GGUF) profile's model: whether the engine can run at all on this machine,
 * and where the model's load stands, so the profile editor and a run waiting for the load can show progress.
 */
import type { AppError } from './result';

/** Where a model's load stands. `cancelled` and `failed` stay until the next load of the same settings. */
export type LocalLoadState = 'idle' | 'loading' | 'loaded' | 'failed' | 'cancelled';

/** A local profile's model as the page sees it. */
export interface LocalModelStatus {
  state: LocalLoadState;
  /** Load progress from 0 to 1 (1 once loaded). */
  progress: number;
  /** Why the last load failed or was cancelled. */
  error?: AppError;
}

/** Whether local models can run here, and how the page may choose a model file. */
export interface LocalEngineCheck {
  /** node-llama-cpp imported and its llama.cpp binary loaded. */
  available: boolean;
  /** The GPU backend llama.cpp runs on (cuda, vulkan, metal), or false for the CPU. */
  gpu: string | false;
  /** What failed and how to fix it, when not available. */
  problem?: string;
  /** Whether chooseLocalModelFile shows the OS file picker (desktop); web mode's page types a path instead. */
  canPickFile: boolean;
}
