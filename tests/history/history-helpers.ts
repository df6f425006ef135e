import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HistoryEntry } from '../../shared/api';
import type { HistoryEnd } from '../../main/core/ports';

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
