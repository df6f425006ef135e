/**
 * A tiny random-weight llama model with the GPT-2 vocabulary, written as GGUF at test time: 2 layers, a 64-wide
 * embedding, F32 weights from a seeded PRNG (so every run writes the same file). It generates nonsense, but through
 * llama.cpp's real code paths: tokenizer, attention, sampling, logprobs.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeGguf, type GgufTensor, type GgufValue } from './gguf-writer';
import { readGpt2Vocab } from './gpt2-vocab';

/** Shape of the model; the defaults make a ~26 MB file (the two 50k × 64 matrices are most of it). */
export interface TinyLlamaOptions {
  name?: string;
  seed?: number;
  embedding?: number;
  layers?: number;
  heads?: number;
  feedForward?: number;
  contextLength?: number;
}

/** mulberry32: a small, fast, seeded PRNG (uniform in [0, 1)). */
const prng = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};

/** GGUF token types: 1 normal, 3 control. */
const TOKEN_NORMAL = 1;
const TOKEN_CONTROL = 3;

/** Writes the model to `path`. */
export const writeTinyLlama = async (path: string, options: TinyLlamaOptions = {}): Promise<void> => {
  const {
    name = 'tiny-llama-test',
    seed = 1234,
    embedding = 64,
    layers = 2,
    heads = 4,
    feedForward = 128,
    contextLength = 2048,
  } = options;
  const vocab = readGpt2Vocab();
  const random = prng(seed);
  // Uniform in ±scale; the embedding is wide enough that logits spread over several nats, so sampling has a shape.
  const matrix = (dims: number[], scale: number): Float32Array => {
    const out = new Float32Array(dims.reduce((a, b) => a * b, 1));
    for (let i = 0; i < out.length; i++) out[i] = (random() * 2 - 1) * scale;
    return out;
  };
  const ones = (n: number): Float32Array => new Float32Array(n).fill(1);
  const vocabSize = vocab.tokens.length;
  // After the final RMS norm the hidden state has norm √embedding, so logits spread with a standard deviation of
  // about 2.5 nats: peaked enough to have likely tokens, flat enough that sampling varies with the seed.
  const outputScale = (2.5 * Math.sqrt(3)) / Math.sqrt(embedding);
  const tensors: GgufTensor[] = [
    { name: 'token_embd.weight', dims: [embedding, vocabSize], data: matrix([embedding, vocabSize], 0.5) },
    { name: 'output_norm.weight', dims: [embedding], data: ones(embedding) },
    // Its own output projection: tied to the embedding, a random model only repeats its last token (the residual
    // stream still holds that token's embedding, and its dot product with itself dwarfs every other logit).
    {
      name: 'output.weight',
      dims: [embedding, vocabSize],
      data: matrix([embedding, vocabSize], outputScale),
    },
  ];
  const w = 1 / Math.sqrt(embedding);
  for (let i = 0; i < layers; i++) {
    const b = `blk.${i}`;
    const square = [embedding, embedding];
    tensors.push(
      { name: `${b}.attn_norm.weight`, dims: [embedding], data: ones(embedding) },
      { name: `${b}.attn_q.weight`, dims: square, data: matrix(square, w) },
      { name: `${b}.attn_k.weight`, dims: square, data: matrix(square, w) },
      { name: `${b}.attn_v.weight`, dims: square, data: matrix(square, w) },
      { name: `${b}.attn_output.weight`, dims: square, data: matrix(square, w) },
      { name: `${b}.ffn_norm.weight`, dims: [embedding], data: ones(embedding) },
      {
        name: `${b}.ffn_gate.weight`,
        dims: [embedding, feedForward],
        data: matrix([embedding, feedForward], w),
      },
      {
        name: `${b}.ffn_up.weight`,
        dims: [embedding, feedForward],
        data: matrix([embedding, feedForward], w),
      },
      {
        name: `${b}.ffn_down.weight`,
        dims: [feedForward, embedding],
        data: matrix([feedForward, embedding], 1 / Math.sqrt(feedForward)),
      },
    );
  }
  const tokenTypes = Int32Array.from(vocab.tokens, (_, id) =>
    id === vocab.endOfTextId ? TOKEN_CONTROL : TOKEN_NORMAL,
  );
  const metadata: Record<string, GgufValue> = {
    'general.architecture': { type: 'string', value: 'llama' },
    'general.name': { type: 'string', value: name },
    'general.alignment': { type: 'u32', value: 32 },
    'llama.context_length': { type: 'u32', value: contextLength },
    'llama.embedding_length': { type: 'u32', value: embedding },
    'llama.block_count': { type: 'u32', value: layers },
    'llama.feed_forward_length': { type: 'u32', value: feedForward },
    'llama.attention.head_count': { type: 'u32', value: heads },
    'llama.attention.head_count_kv': { type: 'u32', value: heads },
    'llama.rope.dimension_count': { type: 'u32', value: embedding / heads },
    'llama.attention.layer_norm_rms_epsilon': { type: 'f32', value: 1e-5 },
    'llama.vocab_size': { type: 'u32', value: vocabSize },
    'tokenizer.ggml.model': { type: 'string', value: 'gpt2' },
    'tokenizer.ggml.pre': { type: 'string', value: 'gpt-2' },
    'tokenizer.ggml.tokens': { type: 'string[]', value: vocab.tokens },
    'tokenizer.ggml.token_type': { type: 'i32[]', value: tokenTypes },
    'tokenizer.ggml.merges': { type: 'string[]', value: vocab.merges },
    'tokenizer.ggml.bos_token_id': { type: 'u32', value: vocab.endOfTextId },
    'tokenizer.ggml.eos_token_id': { type: 'u32', value: vocab.endOfTextId },
    // GPT-2 adds no begin-of-text token to a prompt, so prompt token counts match a GPT-2 tokenizer's.
    'tokenizer.ggml.add_bos_token': { type: 'bool', value: false },
  };
  await writeGguf(path, metadata, tensors);
};

/** A tiny model in its own temp dir; `remove` deletes the dir. */
export interface TinyModelFile {
  path: string;
  dir: string;
  remove(): Promise<void>;
}

/** Writes a tiny model into a fresh temp dir (tests call it in beforeAll and `remove` in afterAll). */
export const createTinyModelFile = async (options: TinyLlamaOptions = {}): Promise<TinyModelFile> => {
  const dir = await mkdtemp(join(tmpdir(), 'r9s-gguf-'));
  const path = join(dir, `${options.name ?? 'tiny-llama-test'}.gguf`);
  await writeTinyLlama(path, options);
  return { path, dir, remove: () => rm(dir, { recursive: true, force: true }) };
};
