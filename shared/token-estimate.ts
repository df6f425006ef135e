/**
 * Token estimates where the server cannot count: a real tokenizer for the model families whose encoding is public
 * (OpenAI's, through gpt-tokenizer), else an honest rough figure. Encoders are injected, so this file carries no
 * tokenizer data and tests can supply their own; main's estimate worker passes gpt-tokenizer's counters
 * (main/core/capability/encoders.ts).
 */
import { estimateLabel, ROUGH_LABEL, type TokenCount } from './token-budget';

/** The encodings gpt-tokenizer ships that completions models use. */
export type EncodingName = 'o200k_base' | 'o200k_harmony' | 'cl100k_base' | 'p50k_base' | 'r50k_base';

/** Counts the tokens of a text in one encoding. */
export type TokenCounter = (text: string) => number;

/** The counters available, by encoding. */
export type Encoders = Partial<Record<EncodingName, TokenCounter>>;

/**
 * Model families by encoding, first match wins. Only OpenAI's own models (and the open-weight gpt-oss) are listed: a
 * Llama or Qwen model has its own vocabulary, and counting it with an OpenAI encoding would be a number that looks
 * precise and is not.
 */
const FAMILIES: readonly [RegExp, EncodingName][] = [
  [/^gpt-oss-/, 'o200k_harmony'],
  [/^(gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|chatgpt-4o|o[1-9](-|$))/, 'o200k_base'],
  [/^(gpt-4|gpt-3\.5|davinci-002$|babbage-002$|text-embedding-)/, 'cl100k_base'],
  [/^(text-davinci-00[23]$|code-davinci-|code-cushman-)/, 'p50k_base'],
  [/^(davinci|curie|babbage|ada|text-(ada|babbage|curie|davinci)-001)$/, 'r50k_base'],
];

/** The encoding of a model id, ignoring a router's `vendor/` prefix; undefined when the family is not known. */
export const encodingForModel = (model: string): EncodingName | undefined => {
  const id = model.trim().toLowerCase();
  const bare = id.includes('/') ? id.slice(id.lastIndexOf('/') + 1) : id;
  return FAMILIES.find(([pattern]) => pattern.test(bare))?.[1];
};

/** Characters per token of the rough estimate: OpenAI's own rule of thumb for English text. */
const CHARS_PER_TOKEN = 4;

/** An estimate of a text's tokens for a model, labelled with the tokenizer used (or as rough). */
export const estimateTokens = (text: string, model: string, encoders: Encoders = {}): TokenCount => {
  const encoding = encodingForModel(model);
  const counter = encoding ? encoders[encoding] : undefined;
  if (encoding && counter) return { count: counter(text), exact: false, label: estimateLabel(encoding) };
  return { count: Math.ceil(text.length / CHARS_PER_TOKEN), exact: false, label: ROUGH_LABEL };
};
