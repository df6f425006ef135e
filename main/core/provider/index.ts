/** The provider client: plain Node (never imports electron), driven by the service through these exports. */
export { systemClock } from './clock';
export { CompletionState } from './completion-state';
export {
  errorFromNetwork,
  errorFromResponse,
  errorFromStreamPayload,
  kindFromStatus,
  parseErrorPayload,
  readableText,
} from './errors';
export { errorFromRedirect, errorFromTimeout, isRedirect, userinfoError } from './guard-errors';
export { listModels } from './models';
export {
  buildCompletionRequest,
  DEFAULT_RETRY_POLICY,
  REDACTED_AUTHORIZATION,
  redactHeaders,
  type BuiltRequest,
  type ProviderTarget,
} from './request';
export { backoffMs, isRetryable, nextDelay, RETRY_AFTER_CAP_MS, retryAfterMs } from './retry';
export { runCompletion, type RunCompletionOptions } from './run-completion';
export { createSseDecoder, type SseDecoder } from './sse-decoder';
export { RAW_LIMIT } from './stream-reader';
export {
  DEFAULT_TIMEOUTS,
  startWatchdog,
  type RequestTimeouts,
  type TimeoutLimit,
  type Watchdog,
} from './watchdog';
