/**
 * The GGUF header check (plain Node, no llama.cpp): what the app says about missing, unreadable, non-GGUF and
 * truncated files, and what it reads from a good one. The test GGUF writer is checked against node-llama-cpp's own
 * parser, which reads the file without loading any native code.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGgufSummary } from '../../main/core/local';
import { createTinyModelFile, type TinyModelFile } from '../support/gguf/tiny-llama';

let file: TinyModelFile;

beforeAll(async () => {
  file = await createTinyModelFile({ name: 'header-test' });
});
afterAll(async () => {
  await file.remove();
});

describe('readGgufSummary', () => {
  it('reads the version, tensor count, architecture, name and trained context of a GGUF file', async () => {
    const summary = await readGgufSummary(file.path);
    expect(summary).toEqual({
      ok: true,
      value: expect.objectContaining({
        version: 3,
        architecture: 'llama',
        name: 'header-test',
        trainContextLength: 2048,
        tensorCount: 3 + 2 * 9,
      }) as unknown,
    });
  });

  it('falls back to the file name when the metadata has no general.name', async () => {
    const bytes = await readFile(file.path);
    // Same length, so every offset stays valid: the key no longer reads `general.name`.
    const renamed = Buffer.from(bytes);
    const at = renamed.indexOf('general.name');
    renamed.write('general.nome', at, 'latin1');
    const path = join(file.dir, 'My-Model.Q4.gguf');
    await writeFile(path, renamed);
    const summary = await readGgufSummary(path);
    expect(summary.ok && summary.value.name).toBe('My-Model.Q4');
  });

  it('reports a missing file as not_found', async () => {
    const summary = await readGgufSummary(join(file.dir, 'nope.gguf'));
    expect(summary).toMatchObject({ ok: false, error: { kind: 'not_found', param: 'modelPath' } });
    expect(!summary.ok && summary.error.message).toContain('No model file at');
  });

  it('reports a file that is not GGUF, a directory and a truncated file as invalid input', async () => {
    const text = join(file.dir, 'notes.gguf');
    await writeFile(text, 'just some text, not a model');
    const notGguf = await readGgufSummary(text);
    expect(notGguf).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });
    expect(!notGguf.ok && notGguf.error.message).toContain('is not a GGUF model file');

    const dir = join(file.dir, 'folder.gguf');
    await mkdir(dir);
    expect(await readGgufSummary(dir)).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });

    const truncated = join(file.dir, 'cut.gguf');
    await writeFile(truncated, (await readFile(file.path)).subarray(0, 4096));
    const cut = await readGgufSummary(truncated);
    expect(cut).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });
    expect(!cut.ok && cut.error.message).toContain('truncated');
  });

  it('rejects other GGUF versions by name', async () => {
    const bytes = Buffer.from(await readFile(file.path));
    bytes.writeUInt32LE(7, 4);
    const path = join(file.dir, 'future.gguf');
    await writeFile(path, bytes);
    const summary = await readGgufSummary(path);
    expect(!summary.ok && summary.error.message).toContain('GGUF version 7');
  });
});

describe('the test GGUF writer', () => {
  it('writes a file node-llama-cpp parses: llama metadata, GPT-2 vocabulary and merges, tensor shapes', async () => {
    const { readGgufFileInfo } = await import('node-llama-cpp');
    const info = await readGgufFileInfo(file.path, { readTensorInfo: true });
    const meta = info.metadata as unknown as {
      general: { architecture: string; name: string };
      llama: { embedding_length: number; block_count: number };
      tokenizer: { ggml: { model: string; tokens: string[]; merges: string[]; eos_token_id: number } };
    };
    expect(meta.general).toMatchObject({ architecture: 'llama', name: 'header-test' });
    expect(meta.llama).toMatchObject({ embedding_length: 64, block_count: 2 });
    expect(meta.tokenizer.ggml.model).toBe('gpt2');
    expect(meta.tokenizer.ggml.tokens).toHaveLength(50_257);
    expect(meta.tokenizer.ggml.tokens[meta.tokenizer.ggml.eos_token_id]).toBe('<|endoftext|>');
    expect(meta.tokenizer.ggml.merges[0]).toBe('Ġ t');
    const embd = info.tensorInfo?.find((t) => t.name === 'token_embd.weight');
    expect(embd?.dimensions.map(Number)).toEqual([64, 50_257]);
  });
});
