/** The estimate lives in shared/ so the page's token worker counts with the same families and labels. */
export {
  encodingForModel,
  estimateTokens,
  type EncodingName,
  type Encoders,
  type TokenCounter,
} from '../../../shared/token-estimate';
