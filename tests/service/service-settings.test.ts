import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_BASE_URL, DRAFT_WRITE_DELAY_MS } from '../../main/core/service';
import { CALLER } from '../contract/contract-harness';
import { makeService, tempDir } from './service-harness';

const must = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('service settings', () => {
  const dirs: string[] = [];
  const fresh = () => {
    const dir = tempDir();
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    vi.useRealTimers();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('seeds an "r9s" profile with the default URL when R9S_BASE_URL is not set', async () => {
    const { service } = makeService({ dir: fresh() });
    const view = must(await service.getSettings(CALLER));
    expect(view.profiles).toMatchObject([{ id: 'r9s', name: 'r9s', baseUrl: DEFAULT_BASE_URL }]);
    expect(must(await service.getKeyStatus('r9s', CALLER))).toEqual({
      profileId: 'r9s',
      configured: false,
      storage: 'none',
    });
  });

  it('keeps R9S_BASE_URL authoritative for the seeded profile across launches, and other profiles as they were', async () => {
    const dir = fresh();
    const first = makeService({ dir, env: { baseUrl: 'http://127.0.0.1:1111/v1' } }).service;
    const other = must(await first.saveProfile({ name: 'Other', baseUrl: 'http://example.test' }, CALLER));
    await first.shutdown();
    const second = makeService({ dir, env: { baseUrl: 'http://127.0.0.1:2222' } }).service;
    const view = must(await second.getSettings(CALLER));
    expect(view.profiles.map((p) => [p.id, p.baseUrl])).toEqual([
      ['r9s', 'http://127.0.0.1:2222'],
      [other.id, 'http://example.test'],
    ]);
  });

  it('drops invalid stored entries with a notice and keeps the valid ones', async () => {
    const dir = fresh();
    writeFileSync(
      join(dir, 'settings.json'),
      JSON.stringify({
        theme: 'neon',
        compareConcurrency: 4,
        historyRetention: -5,
        activeProfileId: 'gone',
        profiles: [
          { id: 'ok', name: 'Fine', baseUrl: 'http://a.test', headers: {} },
          { id: 'bad', name: 'Bad', baseUrl: 'ftp://nope' },
          'junk',
        ],
        draft: { params: { model: 'm' } },
      }),
    );
    writeFileSync(join(dir, 'presets.json'), JSON.stringify({ presets: [{ id: 'x' }, 42] }));
    const { service } = makeService({ dir });
    const view = must(await service.getSettings(CALLER));
    expect(view.profiles.map((p) => p.id)).toEqual(['ok']);
    expect(view.activeProfileId).toBe('ok');
    expect(view.theme).toBe('system');
    expect(view.historyRetention).toBe(10_000);
    expect(view.notices.join('\n')).toMatch(
      /theme[\s\S]*historyRetention[\s\S]*profile[\s\S]*draft[\s\S]*2 invalid presets/,
    );
    expect(must(await service.getDraft(CALLER))).toBeNull();
    expect(must(await service.listPresets(CALLER))).toEqual([]);
  });

  it('tells the user about a corrupt settings file and starts from defaults', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'settings.json'), '{"profiles": [');
    const view = must(await makeService({ dir }).service.getSettings(CALLER));
    expect(view.notices).toEqual([
      expect.stringMatching(/settings file was corrupt and was moved to .*settings\.corrupt-.*\.json/),
    ]);
    expect(view.profiles).toHaveLength(1);
  });

  it('writes the draft once edits pause, and on shutdown', async () => {
    vi.useFakeTimers();
    const { service, settingsPath } = makeService({ dir: fresh() });
    const draft = (prompt: string) => ({ params: { model: 'm', prompt, stream: true } });
    for (let i = 0; i < 50; i++) must(await service.saveDraft(draft(`typing ${i}`), CALLER));
    const onDisk = () => (JSON.parse(readFileSync(settingsPath, 'utf8')) as { draft?: unknown }).draft;
    expect(onDisk()).toBeUndefined();
    expect(must(await service.getDraft(CALLER))).toEqual(draft('typing 49'));
    vi.advanceTimersByTime(DRAFT_WRITE_DELAY_MS);
    expect(onDisk()).toEqual(draft('typing 49'));
    must(await service.saveDraft(draft('last words'), CALLER));
    await service.shutdown();
    expect(onDisk()).toEqual(draft('last words'));
  });

  it('applies settings patches and refuses an unknown active profile', async () => {
    const { service, history } = makeService({ dir: fresh() });
    const spy = vi.spyOn(history, 'setRetention');
    const view = must(
      await service.updateSettings({ theme: 'dark', historyRetention: 5, compareConcurrency: 2 }, CALLER),
    );
    expect(view).toMatchObject({ theme: 'dark', historyRetention: 5, compareConcurrency: 2 });
    expect(spy).toHaveBeenCalledWith(5);
    const bad = await service.updateSettings({ activeProfileId: 'nope' }, CALLER);
    expect(!bad.ok && bad.error.kind).toBe('not_found');
  });
});
