/** What history keeps of one run: its output, up to a bound, marked when cut. */
import { describe, expect, it } from 'vitest';
import {
  createRunRecorder,
  HISTORY_CUT_NOTE,
  HISTORY_OUTPUT_CHARS,
} from '../../main/core/service/run-recorder';
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
