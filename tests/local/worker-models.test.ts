/**
 * The worker's model list with node-llama-cpp replaced through its import port: a missing package and a binary that
 * fails to load are told apart (what failed, how to fix), and a load that joins one being cancelled, or starts while
 * it winds down, loads afresh. The scripted llama's load takes 150 ms and winds down 100 ms after its signal aborts.
 */
import type * as NodeLlamaCpp from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerModels } from '../../main/core/local/worker-models';
import { createTinyModelFile, type TinyModelFile } from '../support/gguf/tiny-llama';

let file: TinyModelFile;
beforeAll(async () => {
  file = await createTinyModelFile({ name: 'worker-models-model' });
}, 120_000);
afterAll(async () => {
  await file?.remove();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A node-llama-cpp stand-in whose loads are slow and whose cancels wind down slowly; counts the loads begun. */
const scriptedLlama = () => {
  const counts = { loads: 0 };
  const loadModel = async (options: { loadSignal?: AbortSignal }) => {
    counts.loads++;
    const signal = options.loadSignal;
    const finished = await Promise.race([
      sleep(150).then(() => 'loaded' as const),
      new Promise<'aborted'>((resolve) => signal?.addEventListener('abort', () => resolve('aborted'))),
    ]);
    if (finished === 'aborted') {
      await sleep(100);
      throw new Error('load aborted');
    }
    return {
      trainContextSize: 512,
      fileInfo: { metadata: { general: { name: 'scripted' }, tokenizer: { ggml: { tokens: ['a', 'b'] } } } },
      createContext: ({ contextSize }: { contextSize: number }) =>
        Promise.resolve({ contextSize, getSequence: () => ({}) }),
      dispose: async () => {},
    };
  };
  const api = {
    LlamaLogLevel: { warn: 'warn', error: 'error', fatal: 'fatal' },
    getLlama: () => Promise.resolve({ gpu: false, cpuMathCores: 2, loadModel }),
  } as unknown as typeof NodeLlamaCpp;
  return { api, counts };
};

const models = (importApi: () => Promise<typeof NodeLlamaCpp>) =>
  new WorkerModels({ gpu: false, maxLoaded: 2, log: () => {}, importApi });

describe('node-llama-cpp missing or broken', () => {
  it('a package that cannot be imported says so and how to fix it', async () => {
    const list = models(() => Promise.reject(new Error("Cannot find package 'node-llama-cpp'")));
    const runtime = await list.runtime();
    expect(runtime).toMatchObject({ ok: false, error: { kind: 'unavailable', code: 'engine_missing' } });
    const message = runtime.ok ? '' : runtime.error.message;
    expect(message).toContain(
      "the node-llama-cpp package could not be imported (Cannot find package 'node-llama-cpp')",
    );
    expect(message).toContain('npm ci');
    const loaded = await list.get({ path: file.path });
    expect(loaded.ok ? undefined : loaded.error.code).toBe('engine_missing');
  });

  it('a binary that fails to load names the platform package to reinstall', async () => {
    const broken = {
      LlamaLogLevel: {},
      getLlama: () => Promise.reject(new Error('libllama.so: cannot open shared object file')),
    } as unknown as typeof NodeLlamaCpp;
    const runtime = await models(() => Promise.resolve(broken)).runtime();
    expect(runtime).toMatchObject({ ok: false, error: { kind: 'unavailable', code: 'engine_binary' } });
    const message = runtime.ok ? '' : runtime.error.message;
    expect(message).toContain('failed to load (libllama.so: cannot open shared object file)');
    expect(message).toContain(`@node-llama-cpp/${process.platform}-${process.arch}`);
  });
});

describe('a load that meets a cancelled one', () => {
  it('a caller that joined a load someone cancelled loads afresh', async () => {
    const { api, counts } = scriptedLlama();
    const list = models(() => Promise.resolve(api));
    const abort = new AbortController();
    const first = list.get({ path: file.path }, () => {}, abort.signal);
    await sleep(20);
    const joined = list.get({ path: file.path });
    abort.abort();
    expect(await first).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await joined).toMatchObject({ ok: true, value: { info: { name: 'scripted' } } });
    expect(counts.loads).toBe(2);
  });

  it('a load that starts while a cancelled one winds down does not get its cancellation', async () => {
    const { api, counts } = scriptedLlama();
    const list = models(() => Promise.resolve(api));
    const abort = new AbortController();
    const first = list.get({ path: file.path }, () => {}, abort.signal);
    await sleep(20);
    abort.abort();
    // The first load is still winding down (100 ms) in the worker.
    const second = list.get({ path: file.path }, () => {}, new AbortController().signal);
    expect(await second).toMatchObject({ ok: true });
    expect(await first).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(counts.loads).toBe(2);
  });
});
