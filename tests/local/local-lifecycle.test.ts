/**
 * The local engine's life around runs: loading with progress, sharing and cancelling loads, cancelling a run mid
 * generation, runs taking turns on one model, and clear errors for a wrong file, a missing package or a worker that
 * dies. The failure cases need no llama.cpp; the others skip (with the reason) where its binary cannot load.
 */
import { Worker } from 'node:worker_threads';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalEngine, type LocalEngine } from '../../main/core/local';
import { isTerminal, type RunEvent } from '../../shared/run-events';
import {
  collectRun,
  createSourceEngine,
  loadOrSkipReason,
  testModel,
} from '../support/gguf/local-engine-support';
import { createTinyModelFile, type TinyModelFile } from '../support/gguf/tiny-llama';

let file: TinyModelFile;
let engine: LocalEngine;
let skipReason: string | undefined;

beforeAll(async () => {
  file = await createTinyModelFile({ name: 'lifecycle-model' });
  engine = createSourceEngine();
  skipReason = await loadOrSkipReason(engine, file.path);
}, 120_000);
afterAll(async () => {
  await engine?.dispose();
  await file?.remove();
});

const live = (name: string, fn: () => Promise<void>) =>
  it(
    name,
    async (ctx) => {
      if (skipReason) return ctx.skip(skipReason);
      await fn();
    },
    60_000,
  );

describe('loading', () => {
  live(
    'reports progress up to 1 and what it loaded; a second load of the same settings is shared',
    async () => {
      const config = { ...testModel(file.path), contextSize: 256 };
      const progress: number[] = [];
      const loaded = await engine.load(config, { onProgress: (p) => progress.push(p) });
      expect(loaded).toEqual({
        ok: true,
        value: { name: 'lifecycle-model', contextSize: 256, threads: 1, vocabularySize: 50_257, gpu: false },
      });
      expect(progress.at(-1)).toBe(1);
      const started = performance.now();
      expect(await engine.load(config)).toEqual(loaded);
      expect(performance.now() - started).toBeLessThan(500);
    },
  );

  live('stops waiting at once when its signal aborts, and a later load still works', async () => {
    const config = { ...testModel(file.path), contextSize: 768 };
    const abort = new AbortController();
    const pending = engine.load(config, { signal: abort.signal });
    abort.abort();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await engine.load(config)).toMatchObject({ ok: true, value: { contextSize: 768 } });
  });

  live('lists the model by its GGUF name and tokenizes with its own vocabulary', async () => {
    expect(await engine.listModels(testModel(file.path))).toEqual({
      ok: true,
      value: [{ id: 'lifecycle-model', ownedBy: 'local' }],
    });
    expect(await engine.tokenize(testModel(file.path), 'Hello world')).toEqual({
      ok: true,
      value: [
        { id: 15496, text: 'Hello' },
        { id: 995, text: ' world' },
      ],
    });
  });
});

describe('cancelling and sharing', () => {
  live(
    'cancel ends the run at once with one terminal event, and the model is free for the next run',
    async () => {
      const abort = new AbortController();
      let deltas = 0;
      let cancelledAt = 0;
      const events: RunEvent[] = [];
      const run = collectRun(
        engine,
        file.path,
        { max_tokens: 100_000, seed: 5 },
        {
          signal: abort.signal,
          onEvent: (e) => {
            events.push(e);
            if (e.type === 'delta' && ++deltas === 3) {
              cancelledAt = performance.now();
              abort.abort();
            }
          },
        },
      );
      const { end } = await run;
      expect(performance.now() - cancelledAt).toBeLessThan(50);
      expect(end.type).toBe('cancelled');
      expect(events.filter(isTerminal)).toHaveLength(1);
      expect(events.at(-1)).toBe(end);
      expect(events.filter((e) => e.type === 'delta')).toHaveLength(3);
      // The worker stopped generating: the next run gets the model right away, not after 500 more tokens.
      const next = await collectRun(engine, file.path, { max_tokens: 3, seed: 5 });
      expect(next.end.type).toBe('done');
      expect(next.end.metrics.ttftMs).toBeLessThan(1_000);
    },
  );

  live('runs started together take turns on the model and each gets its own output', async () => {
    const alone = await collectRun(engine, file.path, { max_tokens: 10, seed: 81 });
    const [a, b] = await Promise.all([
      collectRun(engine, file.path, { max_tokens: 10, seed: 81 }),
      collectRun(engine, file.path, { max_tokens: 10, seed: 82 }),
    ]);
    expect(a.texts[0]).toBe(alone.texts[0]);
    expect(b.end.type).toBe('done');
    expect(b.texts[0]).not.toBe(a.texts[0]);
  });

  live('a prompt longer than the context is a bad request, not a crash', async () => {
    const { end } = await collectRun(engine, file.path, { prompt: ' word'.repeat(600), max_tokens: 4 });
    expect(end).toMatchObject({ type: 'error', error: { kind: 'bad_request', param: 'prompt' } });
  });
});

describe('failures are values', () => {
  it('a missing file or a file that is not GGUF ends the run with a clear error, before llama.cpp sees it', async () => {
    const missing = await collectRun(engine, join(file.dir, 'missing.gguf'), { max_tokens: 2 });
    expect(missing.end).toMatchObject({ type: 'error', partial: false, error: { kind: 'not_found' } });
    expect(missing.events.filter(isTerminal)).toHaveLength(1);
    const text = join(file.dir, 'readme.gguf');
    await writeFile(text, '# not a model\n');
    const wrong = await collectRun(engine, text, { max_tokens: 2 });
    expect(wrong.end).toMatchObject({ type: 'error', error: { kind: 'invalid_input' } });
    expect(wrong.end.type === 'error' && wrong.end.error.message).toContain('not a GGUF model file');
  }, 60_000);

  it('without node-llama-cpp, loading and running are `unavailable` errors and nothing else breaks', async () => {
    const bare = createSourceEngine({ hideNodeLlamaCpp: true });
    try {
      const loaded = await bare.load(testModel(file.path));
      expect(loaded).toMatchObject({ ok: false, error: { kind: 'unavailable' } });
      expect(!loaded.ok && loaded.error.message).toContain('node-llama-cpp');
      const { end } = await collectRun(bare, file.path, { max_tokens: 2 });
      expect(end).toMatchObject({ type: 'error', error: { kind: 'unavailable' } });
      // Listing needs only the file header, so it still works.
      expect(await bare.listModels(testModel(file.path))).toMatchObject({ ok: true });
    } finally {
      await bare.dispose();
    }
  }, 60_000);

  it('a worker that dies fails its open requests, and the next request starts a new worker', async () => {
    let spawned = 0;
    const dying = createLocalEngine({
      spawnWorker: () => {
        spawned++;
        return new Worker('process.exit(3)', { eval: true });
      },
    });
    try {
      const first = await dying.load(testModel(file.path));
      expect(first).toMatchObject({ ok: false, error: { kind: 'unavailable' } });
      expect(!first.ok && first.error.message).toContain('exit code 3');
      await dying.load(testModel(file.path));
      expect(spawned).toBe(2);
    } finally {
      await dying.dispose();
    }
  });
});
