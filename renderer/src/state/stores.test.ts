import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_PARAMS } from '../../../shared/params';
import { createFakeApi } from '../test-support/fake-api';
import { createDraftStore, toSavableDraft } from './draft-store';

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
