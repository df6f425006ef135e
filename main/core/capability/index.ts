/** Knowing the server: the capability check, exact and estimated token counts. Plain Node, driven by the service. */
export {
  CHECK_MAX_BYTES,
  CHECK_TIMEOUT_MS,
  runCapabilityCheck,
  type CapabilityCheckOptions,
} from './run-check';
export {
  encodingForModel,
  estimateTokens,
  type EncodingName,
  type Encoders,
  type TokenCounter,
} from './token-estimate';
export {
  countPromptTokens,
  countTokensExact,
  parseTokenizeAnswer,
  tokenizeBody,
  type CountOptions,
  type TokenizeAnswer,
} from './tokenize';
