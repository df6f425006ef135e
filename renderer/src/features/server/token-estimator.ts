/**
 * The page's token estimate: gpt-tokenizer's encoding for the OpenAI model families (loaded on first use, one chunk
 * per encoding), else the labelled rough figure. Runs in token-count.worker.ts, so a long prompt is counted off the
 * page's main thread; here only where no worker can start.
 */
import {
  encodingForModel,
  estimateTokens,
  type EncodingName,
  type TokenCounter,
} from '../../../../shared/token-estimate';
import type { TokenCount } from '../../../../shared/token-budget';

/** A request to the worker and its answer. */
export interface EstimateRequest {
  id: number;
  text: string;
  model: string;
}
/** The worker's answer. */
export interface EstimateResponse {
  id: number;
  count: TokenCount;
}

// Text that looks like a special token (`<|endoftext|>`) is counted as the plain text a completion prompt sends.
const PLAIN = { disallowedSpecial: new Set<string>() };

const LOADERS: Record<EncodingName, () => Promise<{ countTokens: (t: string, o: typeof PLAIN) => number }>> =
  {
    o200k_base: () => import('gpt-tokenizer/encoding/o200k_base'),
    o200k_harmony: () => import('gpt-tokenizer/encoding/o200k_harmony'),
    cl100k_base: () => import('gpt-tokenizer/encoding/cl100k_base'),
    p50k_base: () => import('gpt-tokenizer/encoding/p50k_base'),
    r50k_base: () => import('gpt-tokenizer/encoding/r50k_base'),
  };

const loaded = new Map<EncodingName, TokenCounter>();

/** Counts a text for a model: with its encoding when the family is known, else the rough estimate. */
export const estimatePromptTokens = async (text: string, model: string): Promise<TokenCount> => {
  const encoding = encodingForModel(model);
  if (encoding && !loaded.has(encoding)) {
    try {
      const mod = await LOADERS[encoding]();
      loaded.set(encoding, (t) => mod.countTokens(t, PLAIN));
    } catch {
      // The encoding's chunk did not load: the rough estimate, labelled as such, is still honest.
    }
  }
  const counter = encoding ? loaded.get(encoding) : undefined;
  return estimateTokens(text, model, encoding && counter ? { [encoding]: counter } : {});
};
