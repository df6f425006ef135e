/** What history keeps of one run: its output and token probabilities, up to bounds, marked when cut. */
import { describe, expect, it } from 'vitest';
import {
  createRunRecorder,
  HISTORY_CUT_NOTE,
  HISTORY_OUTPUT_CHARS,
} from '../../main/core/service/run-recorder';
import { HISTORY_LOGPROB_ENTRIES } from '../../main/core/history/history-tokens';
import { asStoredEntry } from '../../main/core/history/history-records';
import type { RunEvent } from '../../shared/run-events';
import { runRequest } from '../contract/contract-helpers';
import { createRecordingLogger } from '../contract/contract-harness';
import { createMemoryHistoryStore } from '../support/memory-history-store';

describe('the run recorder', () => {
  it('keeps at most HISTORY_OUTPUT_CHARS of a run, all choices together, and says where it cut', () => {
    const history = createMemoryHistoryStore();
    const request = runRequest();
    const { runId } = request;
    const recorder = createRunRecorder({
      request,
      profileName: 'p',
      history,
      logger: createRecordingLogger(),
      now: () => 0,
    });
    recorder.onEvent({
      type: 'started',
      runId,
      request: { url: 'http://x/v1/completions', method: 'POST', headers: {}, body: {} },
      streamed: true,
      at: 0,
    });
    const piece = 'y'.repeat(1024 * 1024);
    recorder.onEvent({ type: 'delta', runId, choice: 1, text: 'short' });
    for (let i = 0; i < 9; i++) recorder.onEvent({ type: 'delta', runId, choice: 0, text: piece });
    recorder.onEvent({ type: 'delta', runId, choice: 1, text: 'more' });
    recorder.onEvent({
      type: 'error',
      runId,
      error: { kind: 'output_limit', message: 'Output limit reached' },
      metrics: { durationMs: 1, attempts: 1 },
      partial: true,
    });
    const outputs = history.get(runId)?.outputs ?? [];
    expect(outputs[0]).toHaveLength(HISTORY_OUTPUT_CHARS - 'short'.length + HISTORY_CUT_NOTE.length);
    expect(outputs[0]?.endsWith(HISTORY_CUT_NOTE)).toBe(true);
    expect(outputs[1]).toBe(`short${HISTORY_CUT_NOTE}`);
    expect(outputs.join('').length - 2 * HISTORY_CUT_NOTE.length).toBe(HISTORY_OUTPUT_CHARS);
  });
});

describe('the run recorder and branches', () => {
  it('records the run a branch came from, and reading the record back keeps only a well-formed link', () => {
    const history = createMemoryHistoryStore();
    const parent = runRequest();
    const request = { ...runRequest(), parentRunId: parent.runId };
    const recorder = createRunRecorder({
      request,
      profileName: 'p',
      history,
      logger: createRecordingLogger(),
      now: () => 0,
    });
    recorder.onEvent({
      type: 'started',
      runId: request.runId,
      request: { url: 'http://x/v1/completions', method: 'POST', headers: {}, body: {} },
      streamed: false,
      at: 0,
    });
    const stored = history.get(request.runId);
    expect(stored?.parentRunId).toBe(parent.runId);
    expect(asStoredEntry(JSON.parse(JSON.stringify(stored)))?.parentRunId).toBe(parent.runId);
    // A damaged link (it would name a file to read) is dropped, the entry kept.
    const damaged = asStoredEntry({ ...JSON.parse(JSON.stringify(stored)), parentRunId: '../../etc/passwd' });
    expect(damaged?.id).toBe(request.runId);
    expect(damaged?.parentRunId).toBeUndefined();
  });
});

describe('the run recorder and token probabilities', () => {
  const tok = (token: string, alternatives = 2) => ({
    token,
    logprob: -0.5,
    bytes: [...new TextEncoder().encode(token)],
    top: Array.from({ length: alternatives }, (_, i) => ({ token: `${token}${i}`, logprob: -1 - i })),
  });
  const record = (events: (runId: string) => RunEvent[]) => {
    const history = createMemoryHistoryStore();
    const request = runRequest();
    const recorder = createRunRecorder({
      request,
      profileName: 'p',
      history,
      logger: createRecordingLogger(),
      now: () => 0,
    });
    recorder.onEvent({
      type: 'started',
      runId: request.runId,
      request: { url: 'http://x/v1/completions', method: 'POST', headers: {}, body: { logprobs: 2 } },
      streamed: true,
      at: 0,
    });
    for (const e of events(request.runId)) recorder.onEvent(e);
    recorder.onEvent({ type: 'cancelled', runId: request.runId, metrics: { durationMs: 1, attempts: 1 } });
    return history.get(request.runId);
  };

  it('keeps each choice’s tokens and echoed-prompt count, without bytes that are the token’s own text', () => {
    const split = { token: '', logprob: -0.2, bytes: [0xe2, 0x82], top: [] };
    const entry = record((runId) => [
      { type: 'delta', runId, choice: 0, text: 'Hi', logprobs: [tok('H'), tok('i')], promptTokens: 1 },
      { type: 'delta', runId, choice: 1, text: '', logprobs: [split] },
      { type: 'delta', runId, choice: 0, text: '!', logprobs: [tok('!')] },
    ]);
    expect(entry?.tokens?.[0]?.map((t) => t.token)).toEqual(['H', 'i', '!']);
    expect(entry?.tokens?.[0]?.[0]).not.toHaveProperty('bytes');
    expect(entry?.tokens?.[0]?.[0]?.top[0]).not.toHaveProperty('bytes');
    expect(entry?.tokens?.[1]).toEqual([split]);
    expect(entry?.promptTokens).toEqual([1]);
  });

  it(`keeps at most ${HISTORY_LOGPROB_ENTRIES} token entries of a run, the first ones`, () => {
    // 5 entries per token (itself and 4 alternatives).
    const perDelta = 1000;
    const deltas = Math.ceil(HISTORY_LOGPROB_ENTRIES / (5 * perDelta)) + 3;
    const entry = record((runId) =>
      Array.from({ length: deltas }, (_, d) => ({
        type: 'delta' as const,
        runId,
        choice: d % 2,
        text: 'x'.repeat(perDelta),
        logprobs: Array.from({ length: perDelta }, () => tok('x', 4)),
      })),
    );
    const kept = (entry?.tokens ?? []).reduce((sum, list) => sum + list.length, 0);
    expect(kept).toBe(Math.floor(HISTORY_LOGPROB_ENTRIES / 5));
  });

  it('records no token fields for a run without probabilities', () => {
    const entry = record((runId) => [{ type: 'delta', runId, choice: 0, text: 'plain' }]);
    expect(entry?.outputs).toEqual(['plain']);
    expect(entry).not.toHaveProperty('tokens');
  });
});
