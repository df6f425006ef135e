/**
 * Starts the model worker from a script URL. The composition root passes the URL of the built worker
 * (`out/main/local-model-worker.js` beside the main bundle); tests and benches pass model-worker.ts with tsx.
 */
import { Worker } from 'node:worker_threads';
import type { SpawnModelWorker } from './worker-client';

/** Settings the worker reads from its workerData. */
export interface ModelWorkerSettings {
  /** 'auto' (default) tries CUDA, Vulkan or Metal before the CPU; false starts faster where there is no GPU. */
  gpu?: 'auto' | false;
  /** Most models kept loaded at once (default 2). */
  maxLoaded?: number;
}

/** A spawner for the engine; `execArgv` lets a source (.ts) script run under a loader such as tsx. */
export const spawnModelWorker =
  (script: URL, settings: ModelWorkerSettings = {}, execArgv?: string[]): SpawnModelWorker =>
  () =>
    new Worker(script, { workerData: settings, ...(execArgv ? { execArgv } : {}) });
