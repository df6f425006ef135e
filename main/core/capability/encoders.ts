/**
 * gpt-tokenizer's counters, loaded one encoding at a time on first use (each is megabytes of merge data). Used by the
 * estimate worker, and in-thread where no worker was given (tests, the CLI).
 */
import type { TokenCount } from '../../../shared/token-budget';
import {
  encodingForModel,
  estimateTokens,
  type EncodingName,
  type TokenCounter,
} from '../../../shared/token-estimate';

// Text that looks like a special token (`<|endoftext|>`) is counted as the plain text a completion prompt sends.
const PLAIN = { disallowedSpecial: new Set<string>() };

type Module = { countTokens: (text: string, options: typeof PLAIN) => number };

const LOADERS: Record<EncodingName, () => Promise<Module>> = {
  o200k_base: () => import('gpt-tokenizer/encoding/o200k_base'),
  o200k_harmony: () => import('gpt-tokenizer/encoding/o200k_harmony'),
  cl100k_base: () => import('gpt-tokenizer/encoding/cl100k_base'),
  p50k_base: () => import('gpt-tokenizer/encoding/p50k_base'),
  r50k_base: () => import('gpt-tokenizer/encoding/r50k_base'),
};

const loaded = new Map<EncodingName, TokenCounter>();

/** A labelled estimate: the model family's encoding when it is known (and loads), else the rough figure. */
export const estimateWithEncoders = async (text: string, model: string): Promise<TokenCount> => {
  const encoding = encodingForModel(model);
  if (encoding && !loaded.has(encoding)) {
    try {
      const mod = await LOADERS[encoding]();
      loaded.set(encoding, (t) => mod.countTokens(t, PLAIN));
    } catch {
      // The encoding did not load: the rough estimate, labelled as such, is still honest.
    }
  }
  const counter = encoding ? loaded.get(encoding) : undefined;
  return estimateTokens(text, model, encoding && counter ? { [encoding]: counter } : {});
};
