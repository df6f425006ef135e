import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HistoryEntry } from '../../shared/api';
import type { HistoryEnd } from '../../main/core/ports';
import { afterEach } from 'vitest';
import { createHistoryStore, type FileHistoryStore } from '../../main/core/history';

/** A fresh temporary history folder and its cleanup. */
export const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'history-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
};

/** Run ids must be 8+ URL-safe characters. */
export const runId = (n: number) => `run-${String(n).padStart(6, '0')}`;

/** A started run as the service records it (key already redacted by the engine). */
export const entry = (n: number, over: Partial<HistoryEntry> = {}): HistoryEntry => {
  const prompt = over.params?.prompt ?? `Prompt number ${n}`;
  return {
    id: runId(n),
    startedAt: 1_700_000_000_000 + n,
    status: 'running',
    model: 'fake-model',
    profileName: 'Local',
    promptPreview: '',
    outputPreview: '',
    starred: false,
    params: { model: 'fake-model', prompt, stream: true, temperature: 0.5 },
    profileId: 'default',
    request: {
      url: 'http://127.0.0.1:1/v1/completions',
      method: 'POST',
      headers: { authorization: 'Bearer [redacted]', 'content-type': 'application/json' },
      body: { model: 'fake-model', prompt, stream: true, temperature: 0.5 },
    },
    outputs: [],
    ...over,
  };
};

/** A successful end. */
export const done = (outputs: string[], over: Partial<HistoryEnd> = {}): HistoryEnd => ({
  status: 'done',
  outputs,
  choices: outputs.map((_, index) => ({ index, finishReason: 'stop' })),
  usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
  metrics: { ttftMs: 5, durationMs: 20, tokensPerSecond: 100, attempts: 1 },
  durationMs: 20,
  ...over,
});

/**
 * Opens stores in fresh temporary folders and closes and removes them all after each test; call it once at the top
 * level of a test file. `open(dir)` reopens a folder (to test what survives a restart).
 */
export const useTempStores = () => {
  let cleanups: (() => void)[] = [];
  let stores: FileHistoryStore[] = [];
  afterEach(async () => {
    await Promise.all(stores.map((s) => s.close()));
    cleanups.forEach((c) => c());
    cleanups = [];
    stores = [];
  });
  return {
    open: (dir: string): FileHistoryStore => {
      const store = createHistoryStore({ dir });
      stores.push(store);
      return store;
    },
    fresh: (): string => {
      const t = tempDir();
      cleanups.push(t.cleanup);
      return t.dir;
    },
  };
};
