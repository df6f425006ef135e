/** The local GGUF engine: plain Node, driven by the service through these exports (node-llama-cpp loads lazily). */
export { readGgufSummary, type GgufSummary } from './gguf-header';
export {
  createLocalEngine,
  type LoadOptions,
  type LocalEngineInfo,
  type LocalEngine,
  type LocalEngineOptions,
} from './local-engine';
export { planLocalCompletion, type IgnoredParam, type LocalPlan } from './local-params';
export {
  DEFAULT_MAX_TOKENS,
  LOCAL_EXTRA_SUPPORT,
  LOCAL_PARAM_SUPPORT,
  LOCAL_SAMPLING_DEFAULTS,
  type LocalSupport,
} from './local-support';
export { runLocalCompletion, type LocalRunOptions } from './run-local-completion';
export { spawnModelWorker, type ModelWorkerSettings } from './spawn-worker';
export type { SpawnModelWorker } from './worker-client';
export { modelKey, type LoadedModelInfo, type LocalModelConfig, type LocalToken } from './worker-protocol';
