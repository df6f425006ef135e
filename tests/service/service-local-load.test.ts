/**
 * Loading a local profile's model through the service as the page does: start the load, poll its status, cancel it
 * (a run waiting for it then ends cancelled); the engine check when node-llama-cpp is missing or its binary fails
 * (HTTP profiles keep working); and the model file picker, present on the desktop and absent in web mode.
 */
import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEngine } from '../../main/core/local';
import type { LocalModelStatus } from '../../shared/local-model';
import { isTerminal, type RunEvent } from '../../shared/run-events';
import { CALLER } from '../contract/contract-harness';
import { runRequest } from '../contract/contract-helpers';
import { startFakeServer } from '../support/fake-openai-server';
import {
  BROKEN_BINARY_MODULE,
  createSourceEngine,
  loadOrSkipReason,
} from '../support/gguf/local-engine-support';
import { scriptedEngine } from '../support/gguf/scripted-worker';
import { createTinyModelFile, type TinyModelFile } from '../support/gguf/tiny-llama';
import { makeService } from './service-harness';

let file: TinyModelFile;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  file = await createTinyModelFile({ name: 'tiny-load-model' });
}, 120_000);
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(async () => {
  await file?.remove();
});

/** A service on `engine` with a local profile for the tiny model; shut down (and the engine disposed) after. */
const serviceWithProfile = async (
  engine: LocalEngine | undefined,
  extra: Parameters<typeof makeService>[0] = {},
) => {
  const made = makeService({ ...extra, ...(engine ? { localEngine: engine } : {}) });
  cleanups.push(() => rmSync(made.dir, { recursive: true, force: true }));
  cleanups.push(() => made.service.shutdown());
  const saved = await made.service.saveProfile(
    { name: 'Tiny', kind: 'local', local: { modelPath: file.path, contextSize: 512, threads: 1 } },
    CALLER,
  );
  if (!saved.ok) throw new Error(saved.error.message);
  return { ...made, profileId: saved.value.id };
};

/** Polls the status every 20 ms until it leaves `loading`. */
const pollUntilSettled = async (
  read: () => Promise<{ ok: true; value: LocalModelStatus } | { ok: false }>,
): Promise<LocalModelStatus[]> => {
  const seen: LocalModelStatus[] = [];
  for (let i = 0; i < 1_000; i++) {
    const status = await read();
    if (!status.ok) throw new Error('status failed');
    seen.push(status.value);
    if (status.value.state !== 'loading') return seen;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the load never settled');
};

/** Resolves once `check` answers true (polled every 20 ms). */
const waitFor = async (check: () => Promise<boolean>) => {
  for (let i = 0; i < 1_000; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the condition never held');
};

describe('load, status and cancel', () => {
  it('loadLocalModel answers "loading" at once; polling sees progress, then loaded', async () => {
    const { service, profileId } = await serviceWithProfile(scriptedEngine());
    const started = await service.loadLocalModel(profileId, CALLER);
    expect(started).toEqual({ ok: true, value: { state: 'loading', progress: 0 } });
    const seen = await pollUntilSettled(() => service.localModelStatus(profileId, CALLER));
    expect(seen.some((s) => s.state === 'loading' && s.progress === 0.25)).toBe(true);
    expect(seen.at(-1)).toEqual({ state: 'loaded', progress: 1 });
  });

  it('cancelLocalModelLoad stops the load and a run waiting for it ends cancelled', async () => {
    const { service, profileId, history } = await serviceWithProfile(scriptedEngine());
    await service.loadLocalModel(profileId, CALLER);
    const request = runRequest({ max_tokens: 4 }, profileId);
    const events: RunEvent[] = [];
    const ended = new Promise<void>((resolve) => {
      void service.startRun(request, {
        ownerId: 'test',
        emit: (e) => {
          events.push(e);
          if (isTerminal(e)) resolve();
        },
      });
    });
    // Wait for the worker's first progress, so the load is really under way.
    await waitFor(async () => {
      const status = await service.localModelStatus(profileId, CALLER);
      return status.ok && status.value.progress > 0;
    });
    const cancelled = await service.cancelLocalModelLoad(profileId, CALLER);
    expect(cancelled).toMatchObject({ ok: true, value: { state: 'cancelled' } });
    await ended;
    expect(events.at(-1)?.type).toBe('cancelled');
    expect(history.get(request.runId)?.status).toBe('cancelled');
  });

  it('a profile that is not local, or unknown, gets a clear error', async () => {
    const { service } = await serviceWithProfile(scriptedEngine());
    const http = await service.loadLocalModel('r9s', CALLER);
    expect(http.ok ? undefined : http.error).toMatchObject({ kind: 'invalid_input' });
    expect(http.ok ? '' : http.error.message).toContain('is not a local model profile');
    const unknown = await service.localModelStatus('nope', CALLER);
    expect(unknown.ok ? undefined : unknown.error.kind).toBe('not_found');
  });

  it('a model file that went missing leaves a failed status with the reason', async () => {
    const made = makeService({ localEngine: scriptedEngine() });
    cleanups.push(() => rmSync(made.dir, { recursive: true, force: true }));
    cleanups.push(() => made.service.shutdown());
    const other = await createTinyModelFile({ name: 'soon-gone' });
    const saved = await made.service.saveProfile(
      { name: 'Gone', kind: 'local', local: { modelPath: other.path } },
      CALLER,
    );
    if (!saved.ok) throw new Error(saved.error.message);
    await other.remove();
    await made.service.loadLocalModel(saved.value.id, CALLER);
    const seen = await pollUntilSettled(() => made.service.localModelStatus(saved.value.id, CALLER));
    expect(seen.at(-1)).toMatchObject({ state: 'failed', error: { kind: 'not_found' } });
  });
});

describe('the engine check', () => {
  it('without node-llama-cpp: unavailable with what failed and the fix, while an HTTP profile still runs', async () => {
    const fake = await startFakeServer();
    cleanups.push(() => fake.close());
    const { service, profileId } = await serviceWithProfile(createSourceEngine({ hideNodeLlamaCpp: true }), {
      env: { baseUrl: fake.url, apiKey: 'sk-test' },
    });
    const checked = await service.checkLocalEngine(CALLER);
    expect(checked).toMatchObject({ ok: true, value: { available: false, canPickFile: false } });
    const problem = checked.ok ? (checked.value.problem ?? '') : '';
    expect(problem).toContain('the node-llama-cpp package could not be imported');
    expect(problem).toContain('npm ci');
    // The local profile's load fails with the same reason...
    await service.loadLocalModel(profileId, CALLER);
    const seen = await pollUntilSettled(() => service.localModelStatus(profileId, CALLER));
    expect(seen.at(-1)).toMatchObject({ state: 'failed', error: { code: 'engine_missing' } });
    // ...and everything else works: settings, models and a run of the HTTP profile.
    expect((await service.listModels('r9s', CALLER)).ok).toBe(true);
    const events: RunEvent[] = [];
    await new Promise<void>((resolve) => {
      void service.startRun(runRequest({}, 'r9s'), {
        ownerId: 'test',
        emit: (e) => {
          events.push(e);
          if (isTerminal(e)) resolve();
        },
      });
    });
    expect(events.at(-1)?.type).toBe('done');
  }, 60_000);

  it('a binary that fails to load: unavailable, naming the platform package to reinstall', async () => {
    const { service } = await serviceWithProfile(createSourceEngine({ llamaModule: BROKEN_BINARY_MODULE }));
    const checked = await service.checkLocalEngine(CALLER);
    const problem = checked.ok ? (checked.value.problem ?? '') : '';
    expect(checked.ok && checked.value.available).toBe(false);
    expect(problem).toContain('cannot open shared object file');
    expect(problem).toContain(`@node-llama-cpp/${process.platform}-${process.arch}`);
  }, 60_000);

  it('with llama.cpp present: available, on the CPU here', async (ctx) => {
    const engine = createSourceEngine();
    const skip = await loadOrSkipReason(engine, file.path);
    if (skip) {
      await engine.dispose();
      return ctx.skip(skip);
    }
    const { service } = await serviceWithProfile(engine);
    expect(await service.checkLocalEngine(CALLER)).toEqual({
      ok: true,
      value: { available: true, gpu: false, canPickFile: false },
    });
  }, 60_000);

  it('with no engine wired, says local models are not in this build', async () => {
    const made = makeService({});
    cleanups.push(() => rmSync(made.dir, { recursive: true, force: true }));
    const checked = await made.service.checkLocalEngine(CALLER);
    expect(checked).toMatchObject({
      ok: true,
      value: { available: false, problem: /not available in this build/ },
    });
  });
});

describe('the model file picker', () => {
  it('web mode (no picker) answers that a path must be typed', async () => {
    const made = makeService({});
    cleanups.push(() => rmSync(made.dir, { recursive: true, force: true }));
    const chosen = await made.service.chooseLocalModelFile(CALLER);
    expect(chosen).toMatchObject({ ok: false, error: { code: 'no_picker' } });
    expect(chosen.ok ? '' : chosen.error.message).toContain('type the full path of the .gguf file');
  });

  it('the desktop picker answers the chosen path, or null when the user cancelled', async () => {
    const answers = ['/models/x.gguf', undefined];
    const made = makeService({ pickModelFile: () => Promise.resolve(answers.shift()) });
    cleanups.push(() => rmSync(made.dir, { recursive: true, force: true }));
    expect(await made.service.chooseLocalModelFile(CALLER)).toEqual({ ok: true, value: '/models/x.gguf' });
    expect(await made.service.chooseLocalModelFile(CALLER)).toEqual({ ok: true, value: null });
    const checked = await made.service.checkLocalEngine(CALLER);
    expect(checked.ok && checked.value.canPickFile).toBe(true);
  });
});

describe('the output limit on a local run', () => {
  it("Settings' output limit cuts a local run per choice, ends it output_limit and history keeps the cut text", async (ctx) => {
    const engine = createSourceEngine();
    const skip = await loadOrSkipReason(engine, file.path);
    if (skip) {
      await engine.dispose();
      return ctx.skip(skip);
    }
    const { service, profileId, history } = await serviceWithProfile(engine);
    const limit = 1_000;
    expect((await service.updateSettings({ outputLimitChars: limit }, CALLER)).ok).toBe(true);
    // A long token forced by logit_bias reaches the limit in a few dozen tokens (random text would take hundreds).
    const dashes = await engine.tokenize({ path: file.path, contextSize: 512, threads: 1 }, '-'.repeat(64));
    if (!dashes.ok) throw new Error(dashes.error.message);
    const longest = dashes.value.reduce((a, b) => (b.text.length > a.text.length ? b : a));
    expect(longest.text.length).toBeGreaterThan(8);
    const request = runRequest(
      { max_tokens: 400, seed: 3, logit_bias: { [String(longest.id)]: 100 } },
      profileId,
    );
    const events: RunEvent[] = [];
    await new Promise<void>((resolve) => {
      void service.startRun(request, {
        ownerId: 'test',
        emit: (e) => {
          events.push(e);
          if (isTerminal(e)) resolve();
        },
      });
    });
    const end = events.at(-1);
    expect(end).toMatchObject({ type: 'error', partial: true, error: { kind: 'output_limit' } });
    const text = events.flatMap((e) => (e.type === 'delta' ? [e.text] : [])).join('');
    expect(text).toHaveLength(limit);
    expect(history.get(request.runId)?.outputs[0]).toBe(text);
  }, 60_000);
});
