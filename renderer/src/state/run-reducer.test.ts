import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS } from '../../../shared/params';
import type { RunEvent } from '../../../shared/run-events';
import { NO_RUNS, runsReducer } from './run-reducer';
import { newRunView, type RunsState } from './run-view';

const metrics = { durationMs: 10, attempts: 1 };
const response = { status: 200, statusText: 'OK', headers: {} };
const start = (n = 1, echo?: boolean, runId = 'run-1', runs: RunsState = NO_RUNS): RunsState =>
  runsReducer(runs, {
    type: 'add',
    run: newRunView(runId, { ...DEFAULT_PARAMS, prompt: 'Hi', n, ...(echo ? { echo } : {}) }, 'starting', 0),
  });
const events = (state: RunsState, evs: RunEvent[]) =>
  runsReducer(state, { type: 'events', events: evs, at: 100 });
const delta = (choice: number, text: string, runId = 'run-1'): RunEvent => ({
  type: 'delta',
  runId,
  choice,
  text,
});

describe('runsReducer', () => {
  it('starts with one empty output per choice and marks the echo length', () => {
    const s = start(3, true)['run-1'];
    expect(s?.outputs).toEqual(['', '', '']);
    expect(s?.echoLength).toBe(2);
    expect(s?.status).toBe('starting');
  });

  it('joins a batch of deltas per choice, interleaved choices included', () => {
    const s = events(start(2), [delta(0, 'a'), delta(1, 'x'), delta(0, 'b'), delta(1, 'y'), delta(0, 'c')]);
    expect(s['run-1']?.outputs).toEqual(['abc', 'xy']);
  });

  it('records what each choice gained from the batch, where it starts', () => {
    const first = events(start(2), [delta(0, 'Hel'), delta(1, 'x')]);
    const s = runsReducer(first, { type: 'events', events: [delta(0, 'lo'), delta(0, '!')], at: 2 });
    expect(s['run-1']?.outputs).toEqual(['Hello!', 'x']);
    expect(s['run-1']?.appended).toEqual([{ from: 3, text: 'lo!' }, undefined]);
  });

  it('grows each run once per batch, leaving the runs the batch does not name as they were', () => {
    const both = start(1, false, 'run-b', start(1, false, 'run-a', start(1, false, 'run-c')));
    const next = events(both, [
      delta(0, 'Hi', 'run-a'),
      delta(1, 'y', 'run-b'),
      delta(0, ' there', 'run-a'),
      { type: 'cancelled', runId: 'run-b', metrics },
    ]);
    expect(next['run-a']).toMatchObject({ outputs: ['Hi there'], appended: [{ from: 0, text: 'Hi there' }] });
    expect(next['run-b']).toMatchObject({
      status: 'cancelled',
      outputs: ['', 'y'],
      appended: [undefined, { from: 0, text: 'y' }],
    });
    expect(next['run-c']).toBe(both['run-c']);
    expect(both['run-a']?.outputs).toEqual(['']);
  });

  it('grows outputs for a choice index beyond n', () => {
    const s = events(start(1), [delta(2, 'z')]);
    expect(s['run-1']?.outputs).toEqual(['', '', 'z']);
  });

  it('ignores events of runs it does not hold', () => {
    const before = start();
    expect(events(before, [delta(0, 'nope', 'other')])).toBe(before);
  });

  it('applies exactly one terminal event and ignores everything after it, in this batch and later ones', () => {
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
    expect(s['run-1']?.status).toBe('done');
    expect(s['run-1']?.outputs).toEqual(['Hello']);
    expect(s['run-1']?.choices?.[0]?.matchedStop).toBe('\n');
    expect(
      events(s, [
        delta(0, ' later'),
        { type: 'error', runId: 'run-1', error: { kind: 'network', message: 'x' }, metrics, partial: true },
      ]),
    ).toBe(s);
  });

  it('keeps partial output on error', () => {
    const s = events(start(), [
      delta(0, 'part'),
      { type: 'error', runId: 'run-1', error: { kind: 'network', message: 'reset' }, metrics, partial: true },
    ]);
    expect(s['run-1']?.status).toBe('error');
    expect(s['run-1']?.outputs).toEqual(['part']);
    expect(s['run-1']?.error?.message).toBe('reset');
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
    expect(s['run-1']?.retry).toEqual({
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
    expect(s['run-1']?.retry).toBeUndefined();
    expect(s['run-1']?.status).toBe('running');
  });

  it('turns a failed start into an error, but not once the run has ended', () => {
    const failed = runsReducer(start(), {
      type: 'start-failed',
      runId: 'run-1',
      error: { kind: 'invalid_input', message: 'bad' },
    });
    expect(failed['run-1']?.status).toBe('error');
    const ended = events(start(), [{ type: 'cancelled', runId: 'run-1', metrics }]);
    expect(
      runsReducer(ended, { type: 'start-failed', runId: 'run-1', error: { kind: 'network', message: 'x' } }),
    ).toBe(ended);
  });

  it('moves a queued run to starting when it is sent, or to cancelled when it leaves its queue', () => {
    const queued = runsReducer(NO_RUNS, {
      type: 'add',
      run: newRunView('q', { ...DEFAULT_PARAMS, prompt: 'Hi' }, 'queued', 0),
    });
    expect(runsReducer(queued, { type: 'launched', runId: 'q', at: 50 })['q']).toMatchObject({
      status: 'starting',
      startedAt: 50,
    });
    const dropped = runsReducer(queued, { type: 'cancel-queued', runId: 'q' });
    expect(dropped['q']?.status).toBe('cancelled');
    // Only a queued run can leave a queue or be sent from one.
    expect(runsReducer(dropped, { type: 'launched', runId: 'q', at: 60 })).toBe(dropped);
    expect(runsReducer(start(), { type: 'cancel-queued', runId: 'run-1' })['run-1']?.status).toBe('starting');
  });

  it('drops a released run, and its later events with it', () => {
    const released = runsReducer(start(), { type: 'release', runId: 'run-1' });
    expect(released).toEqual({});
    expect(events(released, [delta(0, 'late')])).toBe(released);
  });
});

describe('runsReducer and token probabilities', () => {
  const tok = (token: string, logprob: number | null = -0.5) => ({ token, logprob, top: [] });
  const withTokens = (choice: number, tokens: ReturnType<typeof tok>[], promptTokens?: number): RunEvent => ({
    type: 'delta',
    runId: 'run-1',
    choice,
    text: tokens.map((t) => t.token).join(''),
    logprobs: tokens,
    ...(promptTokens !== undefined ? { promptTokens } : {}),
  });

  it('accumulates tokens per choice across batches, and counts the echoed prompt’s tokens', () => {
    const first = events(start(2, true), [
      withTokens(0, [tok('H', null), tok('i')], 2),
      withTokens(1, [tok('a')]),
    ]);
    const s = events(first, [
      withTokens(0, [tok('!')]),
      withTokens(1, [tok('b')]),
      withTokens(0, [tok('?')]),
    ]);
    const run = s['run-1'];
    expect(
      run?.tokens?.map((list) =>
        list
          .toArray()
          .map((t) => t.token)
          .join(''),
      ),
    ).toEqual(['Hi!?', 'ab']);
    expect(run?.promptTokens).toEqual([2]);
    expect(run?.outputs).toEqual(['Hi!?', 'ab']);
    // A snapshot never changes under its reader: the earlier state still holds its own tokens.
    expect(first['run-1']?.tokens?.[0]?.toArray().map((t) => t.token)).toEqual(['H', 'i']);
  });

  it('keeps the token lists of a batch without tokens', () => {
    const first = events(start(), [withTokens(0, [tok('a')])]);
    const s = events(first, [delta(0, 'b')]);
    expect(s['run-1']?.tokens).toBe(first['run-1']?.tokens);
  });

  it('knows whether the request asked for probabilities: from the parameters, then from the body sent', () => {
    const asked = runsReducer(NO_RUNS, {
      type: 'add',
      run: newRunView('run-1', { ...DEFAULT_PARAMS, prompt: 'p', logprobs: 3 }, 'starting', 0),
    });
    expect(asked['run-1']?.wantsLogprobs).toBe(true);
    expect(start()['run-1']?.wantsLogprobs).toBeUndefined();
    const request = (body: Record<string, unknown>) => ({
      url: 'u',
      method: 'POST' as const,
      headers: {},
      body,
    });
    const viaExtraBody = events(start(), [
      { type: 'started', runId: 'run-1', request: request({ logprobs: 2 }), streamed: true, at: 1 },
    ]);
    expect(viaExtraBody['run-1']?.wantsLogprobs).toBe(true);
    const none = events(asked, [
      { type: 'started', runId: 'run-1', request: request({}), streamed: true, at: 1 },
    ]);
    expect(none['run-1']?.wantsLogprobs).toBe(false);
  });
});
