import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS } from '../../../shared/params';
import type { RunEvent } from '../../../shared/run-events';
import { INITIAL_RUN_STATE, runReducer, type RunState } from './run-reducer';

const metrics = { durationMs: 10, attempts: 1 };
const response = { status: 200, statusText: 'OK', headers: {} };
const start = (n = 1, echo?: boolean): RunState =>
  runReducer(INITIAL_RUN_STATE, {
    type: 'start',
    runId: 'run-1',
    draft: { params: { ...DEFAULT_PARAMS, prompt: 'Hi', n, ...(echo ? { echo } : {}) } },
    at: 0,
  });
const events = (state: RunState, evs: RunEvent[]) =>
  runReducer(state, { type: 'events', events: evs, at: 100 });
const delta = (choice: number, text: string, runId = 'run-1'): RunEvent => ({
  type: 'delta',
  runId,
  choice,
  text,
});

describe('runReducer', () => {
  it('starts with one empty output per choice and marks the echo length', () => {
    const s = start(3, true).current;
    expect(s?.outputs).toEqual(['', '', '']);
    expect(s?.echoLength).toBe(2);
    expect(s?.status).toBe('starting');
  });

  it('joins a batch of deltas per choice, interleaved choices included', () => {
    const s = events(start(2), [delta(0, 'a'), delta(1, 'x'), delta(0, 'b'), delta(1, 'y'), delta(0, 'c')]);
    expect(s.current?.outputs).toEqual(['abc', 'xy']);
  });

  it('records what each choice gained from the batch, where it starts', () => {
    const first = events(start(2), [delta(0, 'Hel'), delta(1, 'x')]);
    const s = runReducer(first, { type: 'events', events: [delta(0, 'lo'), delta(0, '!')], at: 2 });
    expect(s.current?.outputs).toEqual(['Hello!', 'x']);
    expect(s.current?.appended).toEqual([{ from: 3, text: 'lo!' }, undefined]);
  });

  it('grows outputs for a choice index beyond n', () => {
    const s = events(start(1), [delta(2, 'z')]);
    expect(s.current?.outputs).toEqual(['', '', 'z']);
  });

  it('ignores events of other runs', () => {
    const before = start();
    expect(events(before, [delta(0, 'nope', 'other')])).toBe(before);
  });

  it('applies exactly one terminal event and ignores everything after it', () => {
    const s = events(start(), [
      delta(0, 'Hello'),
      {
        type: 'done',
        runId: 'run-1',
        choices: [{ index: 0, finishReason: 'stop', matchedStop: '\n' }],
        metrics,
        response,
      },
      delta(0, ' late'),
      { type: 'cancelled', runId: 'run-1', metrics },
    ]);
    expect(s.current?.status).toBe('done');
    expect(s.current?.outputs).toEqual(['Hello']);
    expect(s.current?.choices?.[0]?.matchedStop).toBe('\n');
  });

  it('keeps partial output on error', () => {
    const s = events(start(), [
      delta(0, 'part'),
      { type: 'error', runId: 'run-1', error: { kind: 'network', message: 'reset' }, metrics, partial: true },
    ]);
    expect(s.current?.status).toBe('error');
    expect(s.current?.outputs).toEqual(['part']);
    expect(s.current?.error?.message).toBe('reset');
  });

  it('shows a retry until the next event, with the time the wait ends', () => {
    let s = events(start(), [
      {
        type: 'retrying',
        runId: 'run-1',
        attempt: 2,
        maxAttempts: 3,
        delayMs: 1000,
        reason: 'rate limited',
        status: 429,
      },
    ]);
    expect(s.current?.retry).toEqual({
      attempt: 2,
      maxAttempts: 3,
      reason: 'rate limited',
      status: 429,
      until: 1100,
    });
    s = events(s, [
      {
        type: 'started',
        runId: 'run-1',
        streamed: true,
        at: 5,
        request: { url: 'u', method: 'POST', headers: {}, body: {} },
      },
    ]);
    expect(s.current?.retry).toBeUndefined();
    expect(s.current?.status).toBe('running');
  });

  it('turns a failed start into an error, but not once the run has ended', () => {
    const failed = runReducer(start(), {
      type: 'start-failed',
      runId: 'run-1',
      error: { kind: 'invalid_input', message: 'bad' },
    });
    expect(failed.current?.status).toBe('error');
    const ended = events(start(), [{ type: 'cancelled', runId: 'run-1', metrics }]);
    expect(
      runReducer(ended, { type: 'start-failed', runId: 'run-1', error: { kind: 'network', message: 'x' } }),
    ).toBe(ended);
  });
});
