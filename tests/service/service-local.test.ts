/**
 * Local profiles through the service, on a real llama.cpp and the tiny GGUF written at test time: a run streams
 * and is recorded like an HTTP run, cancel ends it, listModels names the file's model, saving checks the file, and
 * R9S_LOCAL_MODEL seeds an active profile. Engine tests skip (with the reason) only where the binary cannot load.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEngine } from '../../main/core/local';
import { isTerminal, type RunEvent } from '../../shared/run-events';
import { CALLER } from '../contract/contract-harness';
import { runRequest } from '../contract/contract-helpers';
import { createSourceEngine, loadOrSkipReason } from '../support/gguf/local-engine-support';
import { createTinyModelFile, type TinyModelFile } from '../support/gguf/tiny-llama';
import { makeService } from './service-harness';

let file: TinyModelFile;
let engine: LocalEngine;
let skipReason: string | undefined;
let made: ReturnType<typeof makeService> | undefined;

beforeAll(async () => {
  file = await createTinyModelFile({ name: 'tiny-service-model' });
  engine = createSourceEngine();
  skipReason = await loadOrSkipReason(engine, file.path);
}, 120_000);
afterEach(() => {
  // Not shut down: a service's shutdown disposes its engine, and these tests share one (disposed in afterAll).
  if (made) rmSync(made.dir, { recursive: true, force: true });
  made = undefined;
});
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

/** Starts a run and resolves with its events at the terminal one; `onDelta` sees each delta. */
const collect = (
  service: ReturnType<typeof makeService>['service'],
  request: ReturnType<typeof runRequest>,
  onDelta?: () => void,
) =>
  new Promise<RunEvent[]>((resolve, reject) => {
    const events: RunEvent[] = [];
    void service
      .startRun(request, {
        ownerId: 'test',
        emit: (e) => {
          events.push(e);
          if (e.type === 'delta') onDelta?.();
          if (isTerminal(e)) resolve(events);
        },
      })
      .then((r) => !r.ok && reject(new Error(r.error.message)));
  });

describe('local profiles in the service', () => {
  it('R9S_LOCAL_MODEL seeds a local profile, expands ~ and makes it active on first run', async () => {
    const inHome = relative(homedir(), file.path);
    made = makeService({ env: { localModel: inHome.startsWith('..') ? file.path : `~/${inHome}` } });
    const view = await made.service.getSettings(CALLER);
    if (!view.ok) throw new Error(view.error.message);
    expect(view.value.activeProfileId).toBe('local');
    const local = view.value.profiles.find((p) => p.id === 'local');
    expect(local).toMatchObject({ kind: 'local', local: { modelPath: file.path } });
    // The HTTP profile is still there for a user who adds a key later.
    expect(view.value.profiles.some((p) => p.id === 'r9s' && p.kind === undefined)).toBe(true);
  });

  it('a relaunch keeps the profile the user chose active', async () => {
    made = makeService({ env: { localModel: file.path } });
    await made.service.updateSettings({ activeProfileId: 'r9s' }, CALLER);
    const again = makeService({ dir: made.dir, env: { localModel: file.path } });
    const view = await again.service.getSettings(CALLER);
    expect(view.ok && view.value.activeProfileId).toBe('r9s');
  });

  it('refuses to save a local profile whose file is missing or not GGUF, with a clear error', async () => {
    made = makeService({});
    const missing = await made.service.saveProfile(
      {
        name: 'Missing',
        kind: 'local',
        local: { modelPath: join(file.dir, 'nope.gguf') },
      },
      CALLER,
    );
    expect(missing.ok ? undefined : missing.error.message).toMatch(/No model file/);
    const fake = join(file.dir, 'not-a-model.gguf');
    writeFileSync(fake, 'hello, not a model');
    const notGguf = await made.service.saveProfile(
      {
        name: 'Fake',
        kind: 'local',
        local: { modelPath: fake },
      },
      CALLER,
    );
    expect(notGguf.ok ? undefined : notGguf.error.message).toMatch(/not a GGUF model file/);
    const noFile = await made.service.saveProfile({ name: 'Empty', kind: 'local' }, CALLER);
    expect(noFile.ok ? undefined : noFile.error.kind).toBe('invalid_input');
    const noUrl = await made.service.saveProfile({ name: 'No URL' }, CALLER);
    expect(noUrl.ok ? undefined : noUrl.error.message).toMatch(/base URL is required/);
  });

  it('without an engine a local run is refused before it starts, and HTTP profiles are untouched', async () => {
    made = makeService({ env: { localModel: file.path } });
    const started = await made.service.startRun(runRequest({}, 'local'), { ownerId: 'x', emit: () => {} });
    expect(started.ok ? undefined : started.error.message).toMatch(/Local models are not available/);
  });

  live('lists the file’s model name and runs a local profile into history', async () => {
    made = makeService({ localEngine: engine });
    const saved = await made.service.saveProfile(
      {
        name: 'Tiny',
        kind: 'local',
        local: { modelPath: file.path, contextSize: 512, threads: 1 },
      },
      CALLER,
    );
    if (!saved.ok) throw new Error(saved.error.message);
    const models = await made.service.listModels(saved.value.id, CALLER);
    expect(models.ok && models.value.map((m) => m.id)).toEqual(['tiny-service-model']);

    const request = runRequest({ max_tokens: 6, seed: 7 }, saved.value.id);
    const events = await collect(made.service, request);
    const text = events.flatMap((e) => (e.type === 'delta' ? [e.text] : [])).join('');
    expect(events.at(-1)?.type).toBe('done');
    expect(text.length).toBeGreaterThan(0);
    const entry = made.history.get(request.runId);
    expect(entry?.status).toBe('done');
    expect(entry?.outputs[0]).toBe(text);
    expect(entry?.usage?.completion_tokens).toBe(6);
  });

  live('cancelRun ends a local run at once as cancelled', async () => {
    made = makeService({ localEngine: engine });
    const saved = await made.service.saveProfile(
      {
        name: 'Tiny',
        kind: 'local',
        local: { modelPath: file.path, contextSize: 512, threads: 1 },
      },
      CALLER,
    );
    if (!saved.ok) throw new Error(saved.error.message);
    const service = made.service;
    const request = runRequest({ max_tokens: 400 }, saved.value.id);
    let cancelled = false;
    const events = await collect(service, request, () => {
      if (cancelled) return;
      cancelled = true;
      void service.cancelRun(request.runId, { ownerId: 'test', emit: () => {} });
    });
    expect(events.at(-1)?.type).toBe('cancelled');
    const deltas = events.filter((e) => e.type === 'delta').length;
    expect(deltas).toBeLessThan(400);
    expect(made.history.get(request.runId)?.status).toBe('cancelled');
  });

  live(
    "the check of a local profile sends nothing; its token count is the model tokenizer's, exact",
    async () => {
      made = makeService({ env: { localModel: file.path }, localEngine: engine });
      const report = await made.service.checkServer('local', 'tiny-service-model', CALLER);
      if (!report.ok) throw new Error(report.error.message);
      expect(report.value.server).toBe('local');
      expect(report.value.requests).toEqual([]);
      expect(report.value.params.user.status).toBe('ignored');
      const plan = await made.service.planServerCheck('local', CALLER);
      expect(plan.ok && plan.value.requests).toBe(0);
      const text = 'Hello there, local model';
      const count = await made.service.countPromptTokens('local', 'tiny-service-model', text, CALLER);
      const tokens = await engine.tokenize({ path: file.path }, text);
      if (!count.ok || !tokens.ok) throw new Error('count failed');
      expect(count.value).toEqual({
        count: tokens.value.length,
        exact: true,
        label: 'exact (model tokenizer)',
      });
    },
  );
});
