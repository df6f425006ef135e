/**
 * Loading as the page sees it: a status with progress and state, cancelling a load for everyone, and a load, run or
 * tokenize that starts while a cancelled load winds down getting a fresh load rather than that cancellation. The
 * wind-down is made slow and certain with a scripted worker; the same race then runs on the real llama.cpp worker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEngine } from '../../main/core/local';
import type { LocalModelStatus } from '../../shared/local-model';
import {
  collectRun,
  createSourceEngine,
  loadOrSkipReason,
  testModel,
} from '../support/gguf/local-engine-support';
import { scriptedEngine } from '../support/gguf/scripted-worker';
import { createTinyModelFile, type TinyModelFile } from '../support/gguf/tiny-llama';

let file: TinyModelFile;

beforeAll(async () => {
  file = await createTinyModelFile({ name: 'load-status-model' });
}, 120_000);
afterAll(async () => {
  await file?.remove();
});

/** Resolves at the load's first progress report. */
const firstProgress = () => {
  let seen!: () => void;
  const promise = new Promise<void>((resolve) => (seen = resolve));
  return { promise, onProgress: () => seen() };
};

describe('load status and cancel (scripted worker)', () => {
  it('reads idle, then loading with progress, then loaded', async () => {
    const engine = scriptedEngine();
    try {
      const config = testModel(file.path);
      expect(engine.status(config)).toEqual({ state: 'idle', progress: 0 });
      const progress = firstProgress();
      const loading = engine.load(config, { onProgress: progress.onProgress });
      await progress.promise;
      expect(engine.status(config)).toEqual({ state: 'loading', progress: 0.25 });
      expect(await loading).toMatchObject({ ok: true });
      expect(engine.status(config)).toEqual({ state: 'loaded', progress: 1 });
    } finally {
      await engine.dispose();
    }
  });

  it('cancelLoad answers every waiter at once and leaves a cancelled status; nothing to cancel is false', async () => {
    const engine = scriptedEngine();
    try {
      const config = testModel(file.path);
      expect(engine.cancelLoad(config)).toBe(false);
      const progress = firstProgress();
      const first = engine.load(config, { onProgress: progress.onProgress });
      const second = engine.load(config);
      await progress.promise;
      const cancelledAt = performance.now();
      expect(engine.cancelLoad(config)).toBe(true);
      const outcomes = await Promise.all([first, second]);
      // Not after the worker's 200 ms wind-down: the waiters are told at once.
      expect(performance.now() - cancelledAt).toBeLessThan(150);
      for (const outcome of outcomes)
        expect(outcome).toMatchObject({ ok: false, error: { code: 'cancelled' } });
      const status: LocalModelStatus = engine.status(config);
      expect(status).toMatchObject({
        state: 'cancelled',
        error: { message: 'Loading the model was cancelled.' },
      });
    } finally {
      await engine.dispose();
    }
  });

  it('a cancel while the file is still being checked stops that load before the worker; the next one loads', async () => {
    const engine = scriptedEngine();
    try {
      const config = testModel(file.path);
      const checking = engine.load(config);
      // load() is still reading the file's header: nothing has reached the worker yet.
      expect(engine.status(config)).toEqual({ state: 'loading', progress: 0 });
      expect(engine.cancelLoad(config)).toBe(true);
      expect(await checking).toMatchObject({ ok: false, error: { code: 'cancelled' } });
      expect(engine.status(config).state).toBe('cancelled');
      expect(await engine.load(config)).toMatchObject({ ok: true, value: { loads: 1 } });
    } finally {
      await engine.dispose();
    }
  });

  it('a load that starts while a cancelled load winds down is a fresh load, not that cancellation', async () => {
    const engine = scriptedEngine();
    try {
      const config = testModel(file.path);
      const abort = new AbortController();
      const progress = firstProgress();
      const given = engine.load(config, { signal: abort.signal, onProgress: progress.onProgress });
      await progress.promise;
      abort.abort();
      expect(await given).toMatchObject({ ok: false, error: { code: 'cancelled' } });
      // The worker is still winding the first load down (200 ms): this one must not join it.
      const fresh = await engine.load(config);
      expect(fresh).toMatchObject({ ok: true, value: { name: 'scripted', loads: 2 } });
      expect(engine.status(config).state).toBe('loaded');
    } finally {
      await engine.dispose();
    }
  });
});

describe('the same race on llama.cpp', () => {
  let engine: LocalEngine;
  let skipReason: string | undefined;
  beforeAll(async () => {
    engine = createSourceEngine();
    skipReason = await loadOrSkipReason(engine, file.path);
  }, 120_000);
  afterAll(async () => {
    await engine?.dispose();
  });

  it('a tokenize and a run started right after a cancel load the model afresh and succeed', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    // Settings not loaded yet, so this is a real load in the worker.
    const config = { ...testModel(file.path), contextSize: 1024 };
    const progress = firstProgress();
    const given = engine.load(config, { onProgress: progress.onProgress });
    await progress.promise;
    engine.cancelLoad(config);
    const tokens = engine.tokenize(config, 'Hello world');
    const run = collectRun(engine, file.path, { max_tokens: 3, seed: 1 }, { model: config });
    expect(await given).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await tokens).toMatchObject({ ok: true, value: [{ id: 15496 }, { id: 995 }] });
    expect((await run).end.type).toBe('done');
    const again = await engine.load(config);
    expect(again).toMatchObject({ ok: true, value: { contextSize: 1024 } });
    expect(engine.status(config)).toEqual({ state: 'loaded', progress: 1 });
  }, 60_000);
});

describe('output limit (llama.cpp)', () => {
  let engine: LocalEngine;
  let skipReason: string | undefined;
  beforeAll(async () => {
    engine = createSourceEngine();
    skipReason = await loadOrSkipReason(engine, file.path);
  }, 120_000);
  afterAll(async () => {
    await engine?.dispose();
  });

  it('keeps at most the limit per choice, ends with the output-limit error and frees the model', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    const params = { max_tokens: 400, seed: 7, n: 2 };
    const unlimited = await collectRun(engine, file.path, params);
    expect(unlimited.end.type).toBe('done');
    const limit = 25;
    expect(unlimited.texts[0]!.length).toBeGreaterThan(limit);
    const limited = await collectRun(engine, file.path, params, { outputLimitChars: limit });
    expect(limited.end).toMatchObject({ type: 'error', partial: true, error: { kind: 'output_limit' } });
    expect(limited.end.type === 'error' && limited.end.error.message).toContain('choice 0 has 25 characters');
    // What was kept is exactly the start of what the same seed produces without a limit.
    expect(limited.texts[0]).toBe(unlimited.texts[0]!.slice(0, limit));
    expect(limited.texts[1]).toBeUndefined();
    // The worker stopped generating: the next run starts at once.
    const next = await collectRun(engine, file.path, { max_tokens: 2, seed: 7 });
    expect(next.end.type).toBe('done');
    expect(next.end.metrics.ttftMs).toBeLessThan(1_000);
  }, 60_000);
});
