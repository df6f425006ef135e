import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS } from '../../../shared/params';
import type { RunRequest } from '../../../shared/schemas';
import { createFakeApi } from '../test-support/fake-api';
import { runRequestFor } from './run-request';
import { createRunStore } from './run-store';
import { newRunView } from './run-view';
import { createRunsStore } from './runs-store';
import { tokenArray, tokenSource } from './token-source';

const metrics = { durationMs: 5, attempts: 1 };

/** The runs store and the playground run over the fake, with frames run by the test. */
const setup = () => {
  const fake = createFakeApi({ script: () => 'manual' });
  let pendingFrame: (() => void) | undefined;
  const runs = createRunsStore({
    api: fake,
    schedule: (cb) => {
      pendingFrame = cb;
    },
  });
  const playground = createRunStore({
    runs,
    getDraft: () => ({ params: { ...DEFAULT_PARAMS, model: 'm', prompt: 'p', temperature: undefined } }),
    getProfileId: () => 'p1',
  });
  const disconnect = runs.connect();
  const frame = () => {
    const cb = pendingFrame;
    pendingFrame = undefined;
    cb?.();
  };
  const ended: string[] = [];
  runs.onEnded((id) => ended.push(id));
  const held = () => Object.keys(runs.store.get());
  return { fake, runs, playground, disconnect, frame, ended, held };
};

const request = (runId: string): RunRequest =>
  runRequestFor(runId, { params: { ...DEFAULT_PARAMS, model: 'm', prompt: 'p' } }, 'p1');

describe('playground run', () => {
  it('sends only set parameters and a fresh runId', () => {
    const { fake, playground } = setup();
    playground.run();
    const req = fake.runs[0];
    expect(req?.profileId).toBe('p1');
    expect(req?.runId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(Object.keys(req?.params ?? {}).sort()).toEqual(['max_tokens', 'model', 'prompt', 'stream']);
  });

  it('applies deltas once per frame, not per event', () => {
    const { fake, runs, playground, frame } = setup();
    playground.run();
    const runId = fake.runs[0]?.runId ?? '';
    const seen: string[] = [];
    runs.store.subscribe(() => seen.push(runs.store.get()[runId]?.outputs[0] ?? ''));
    for (const t of ['a', 'b', 'c']) fake.emit({ type: 'delta', runId, choice: 0, text: t });
    expect(seen).toEqual([]);
    frame();
    expect(seen).toEqual(['abc']);
  });

  it('ignores runs it did not start (main sends a window only its own, and a run made elsewhere is not shown)', () => {
    const { fake, runs, playground, frame } = setup();
    playground.run();
    const runId = fake.runs[0]?.runId ?? '';
    runs.add(newRunView('someone-elses-run', { ...DEFAULT_PARAMS, prompt: 'p' }, 'queued', 0));
    fake.emit({ type: 'delta', runId: 'someone-elses-run', choice: 0, text: 'x' });
    frame();
    expect(runs.store.get()[runId]?.outputs).toEqual(['']);
    expect(runs.store.get()['someone-elses-run']?.outputs).toEqual(['']);
  });

  it('stop cancels the active run; a new run cancels the previous one', () => {
    const { fake, playground } = setup();
    playground.run();
    const first = fake.runs[0]?.runId;
    playground.run();
    expect(fake.cancelled).toEqual([first]);
    playground.stop();
    expect(fake.cancelled).toEqual([first, fake.runs[1]?.runId]);
  });

  it('regenerate repeats the last run’s draft', () => {
    const { fake, playground } = setup();
    playground.run({ params: { ...DEFAULT_PARAMS, model: 'x', prompt: 'again' } });
    playground.regenerate();
    expect(fake.runs[1]?.params).toEqual(fake.runs[0]?.params);
    expect(fake.runs[1]?.runId).not.toBe(fake.runs[0]?.runId);
  });

  it('holds only the run it shows: each new run releases the one before, finished or not', () => {
    const { fake, playground, frame, held } = setup();
    for (let i = 0; i < 5; i++) {
      playground.run();
      const runId = fake.runs[i]?.runId ?? '';
      if (i % 2 === 0)
        fake.emit({
          type: 'done',
          runId,
          choices: [],
          metrics,
          response: { status: 200, statusText: 'OK', headers: {} },
        });
      frame();
    }
    expect(held()).toEqual([fake.runs[4]?.runId]);
    expect(playground.store.get().runId).toBe(fake.runs[4]?.runId);
    // Only the runs still going were cancelled: runs 2 and 4 (1 and 3 had ended).
    expect(fake.cancelled).toEqual([fake.runs[1]?.runId, fake.runs[3]?.runId]);
  });
});

describe('runs store', () => {
  it('keeps a queued run until it is started, then sends its request', () => {
    const { fake, runs, held } = setup();
    runs.add(newRunView('queued-run-1', { ...DEFAULT_PARAMS, prompt: 'Hi', n: 2 }, 'queued', 0));
    expect(fake.runs).toEqual([]);
    expect(held()).toEqual(['queued-run-1']);
    runs.start(request('queued-run-1'));
    expect(fake.runs.map((r: RunRequest) => r.runId)).toEqual(['queued-run-1']);
    // The queued run's own view, now starting (its two choices kept).
    expect(runs.store.get()['queued-run-1']).toMatchObject({ status: 'starting', outputs: ['', ''] });
  });

  it('tells when a run ends: at its terminal event’s arrival, after a failed start, or when dropped from a queue', async () => {
    const { fake, runs, ended } = setup();
    runs.start(request('live-run-01'));
    fake.emit({ type: 'cancelled', runId: 'live-run-01', metrics });
    // At arrival, before any frame applied it: a queue waiting on it can start the next run now.
    expect(ended).toEqual(['live-run-01']);
    expect(runs.store.get()['live-run-01']?.status).toBe('starting');

    runs.add(newRunView('queued-run-1', { ...DEFAULT_PARAMS, prompt: 'p' }, 'queued', 0));
    runs.cancel('queued-run-1');
    expect(ended).toEqual(['live-run-01', 'queued-run-1']);
    expect(runs.store.get()['queued-run-1']?.status).toBe('cancelled');
    expect(fake.cancelled).toEqual([]);

    fake.startRun = () => Promise.resolve({ ok: false, error: { kind: 'invalid_input', message: 'no' } });
    runs.start(request('refused-run'));
    await Promise.resolve();
    await Promise.resolve();
    expect(ended).toEqual(['live-run-01', 'queued-run-1', 'refused-run']);
    expect(runs.store.get()['refused-run']).toMatchObject({ status: 'error', error: { message: 'no' } });
  });

  it('release drops a run at once; one still going is cancelled first', () => {
    const { fake, runs, frame, held } = setup();
    runs.start(request('going-run-1'));
    runs.start(request('ended-run-1'));
    fake.emit({ type: 'cancelled', runId: 'ended-run-1', metrics });
    frame();
    runs.release('ended-run-1');
    expect(fake.cancelled).toEqual([]);
    runs.release('going-run-1');
    expect(fake.cancelled).toEqual(['going-run-1']);
    expect(held()).toEqual([]);
    // Its late events change nothing.
    fake.emit({ type: 'delta', runId: 'going-run-1', choice: 0, text: 'late' });
    frame();
    expect(held()).toEqual([]);
  });
});

describe('token source', () => {
  const tok = (token: string) => ({ token, logprob: -0.1, top: [] });

  it('gives a choice’s tokens once per frame, and tells when no more will come', () => {
    const { fake, runs, frame } = setup();
    runs.start(request('token-run-1'));
    const source = tokenSource(runs.store, (s) => s['token-run-1'], 0);
    const seen: number[] = [];
    source.subscribe(() => seen.push(source.get().length));
    fake.emit({ type: 'delta', runId: 'token-run-1', choice: 0, text: 'ab', logprobs: [tok('a'), tok('b')] });
    fake.emit({ type: 'delta', runId: 'token-run-1', choice: 0, text: 'c', logprobs: [tok('c')] });
    expect(source.get().length).toBe(0);
    frame();
    expect(seen).toEqual([3]);
    expect(tokenArray(source.get())?.map((t) => t.token)).toEqual(['a', 'b', 'c']);
    expect(source.isFinished()).toBe(false);
    fake.emit({ type: 'cancelled', runId: 'token-run-1', metrics });
    frame();
    expect(source.isFinished()).toBe(true);
  });
});
