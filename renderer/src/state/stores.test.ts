import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_PARAMS } from '../../../shared/params';
import { createFakeApi } from '../test-support/fake-api';
import { createDraftStore, toSavableDraft } from './draft-store';
import { createRunStore } from './run-store';

describe('run store', () => {
  const setup = () => {
    const fake = createFakeApi({ script: () => 'manual' });
    let pendingFrame: (() => void) | undefined;
    const store = createRunStore({
      api: fake,
      getDraft: () => ({ params: { ...DEFAULT_PARAMS, model: 'm', prompt: 'p', temperature: undefined } }),
      getProfileId: () => 'p1',
      schedule: (cb) => {
        pendingFrame = cb;
      },
    });
    const disconnect = store.connect();
    const frame = () => {
      const cb = pendingFrame;
      pendingFrame = undefined;
      cb?.();
    };
    return { fake, store, disconnect, frame };
  };

  it('sends only set parameters and a fresh runId', () => {
    const { fake, store } = setup();
    store.run();
    const req = fake.runs[0];
    expect(req?.profileId).toBe('p1');
    expect(req?.runId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(Object.keys(req?.params ?? {}).sort()).toEqual(['max_tokens', 'model', 'prompt', 'stream']);
  });

  it('applies deltas once per frame, not per event', () => {
    const { fake, store, frame } = setup();
    store.run();
    const runId = fake.runs[0]?.runId ?? '';
    const seen: string[] = [];
    store.store.subscribe(() => seen.push(store.store.get().current?.outputs[0] ?? ''));
    for (const t of ['a', 'b', 'c']) fake.emit({ type: 'delta', runId, choice: 0, text: t });
    expect(seen).toEqual([]);
    frame();
    expect(seen).toEqual(['abc']);
  });

  it('ignores runs it did not start (other features filter their own)', () => {
    const { fake, store, frame } = setup();
    store.run();
    fake.emit({ type: 'delta', runId: 'someone-elses-run', choice: 0, text: 'x' });
    frame();
    expect(store.store.get().current?.outputs).toEqual(['']);
  });

  it('stop cancels the active run; a new run cancels the previous one', () => {
    const { fake, store } = setup();
    store.run();
    const first = fake.runs[0]?.runId;
    store.run();
    expect(fake.cancelled).toEqual([first]);
    store.stop();
    expect(fake.cancelled).toEqual([first, fake.runs[1]?.runId]);
  });

  it('regenerate repeats the last run’s draft', () => {
    const { fake, store } = setup();
    store.run({ params: { ...DEFAULT_PARAMS, model: 'x', prompt: 'again' } });
    store.regenerate();
    expect(fake.runs[1]?.params).toEqual(fake.runs[0]?.params);
    expect(fake.runs[1]?.runId).not.toBe(fake.runs[0]?.runId);
  });
});

describe('draft store', () => {
  afterEach(() => vi.useRealTimers());

  it('saves within a second of a change, once for a burst of changes', async () => {
    vi.useFakeTimers();
    const fake = createFakeApi();
    const drafts = createDraftStore(fake);
    await drafts.load();
    drafts.patchParams({ prompt: 'a' });
    drafts.patchParams({ prompt: 'ab' });
    expect(fake.savedDrafts).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(fake.savedDrafts.map((d) => d.params.prompt)).toEqual(['ab']);
  });

  it('flush saves a pending change at once (pagehide)', async () => {
    const fake = createFakeApi();
    const drafts = createDraftStore(fake, 60_000);
    await drafts.load();
    drafts.patchParams({ prompt: 'bye' });
    drafts.flush();
    expect(fake.savedDrafts.map((d) => d.params.prompt)).toEqual(['bye']);
  });

  it('restores the saved draft and fills an empty model', async () => {
    const fake = createFakeApi({ draft: { params: { ...DEFAULT_PARAMS, prompt: 'saved' } } });
    const drafts = createDraftStore(fake);
    await drafts.load('fallback-model');
    expect(drafts.store.get().draft.params).toMatchObject({ prompt: 'saved', model: 'fallback-model' });
  });

  it('replaceDraft is undoable', async () => {
    const fake = createFakeApi();
    const drafts = createDraftStore(fake);
    await drafts.load();
    drafts.patchParams({ prompt: 'mine' });
    drafts.replaceDraft({ params: { ...DEFAULT_PARAMS, prompt: 'preset' } });
    expect(drafts.store.get().draft.params.prompt).toBe('preset');
    expect(drafts.undoReplace()).toBe(true);
    expect(drafts.store.get().draft.params.prompt).toBe('mine');
    expect(drafts.undoReplace()).toBe(false);
  });

  it('saves what the schema accepts: no unset keys, no best_of below n', () => {
    const saved = toSavableDraft({
      params: { ...DEFAULT_PARAMS, n: 3, best_of: 2, seed: undefined },
      extraBody: {},
    });
    expect(saved).toEqual({ params: { ...DEFAULT_PARAMS, n: 3 } });
  });
});
