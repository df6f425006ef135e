/**
 * A save that cannot be written (full disk, read-only or vanished folder) returns an error and changes nothing in
 * memory, so what the app shows matches the files. The failure is real: the data folder is replaced by a plain file,
 * which makes every write below it fail with ENOTDIR even for root (chmod does not stop root).
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../shared/result';
import type { Preset } from '../../shared/schemas';
import { DRAFT_WRITE_DELAY_MS } from '../../main/core/service';
import { CALLER } from '../contract/contract-harness';
import { makeService, tempDir } from './service-harness';

const must = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

const preset = (id: string, name: string): Preset => ({
  id,
  name,
  description: '',
  params: { model: 'm', prompt: '', stream: true, temperature: 0.7 },
  includesPrompt: false,
  createdAt: 1,
  updatedAt: 1,
});

const dirs: string[] = [];
afterEach(() => {
  vi.useRealTimers();
  for (const dir of dirs.splice(0)) {
    rmSync(`${dir}.away`, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A service on a fresh folder, and a switch that makes every write to the folder fail until `repair()`. */
const setup = () => {
  const dir = tempDir();
  dirs.push(dir);
  const made = makeService({ dir });
  const breakFolder = () => {
    renameSync(dir, `${dir}.away`);
    writeFileSync(dir, 'a file where the folder was');
  };
  const repair = () => {
    rmSync(dir);
    renameSync(`${dir}.away`, dir);
  };
  return { ...made, breakFolder, repair, relaunch: () => makeService({ dir }).service };
};

const expectStorageError = (res: Result<unknown>) => {
  expect(res.ok).toBe(false);
  expect(!res.ok && res.error.kind).toBe('storage');
  expect(!res.ok && res.error.message).toMatch(/^Could not .*ENOTDIR/);
};

describe('a save that failed is not shown as done', () => {
  it('keeps the preset list as on disk when a save or a delete cannot be written', async () => {
    const { service, breakFolder, repair, relaunch } = setup();
    must(await service.savePreset(preset('a', 'Kept'), CALLER));
    breakFolder();
    expectStorageError(await service.savePreset(preset('b', 'Never written'), CALLER));
    expectStorageError(await service.savePreset({ ...preset('a', 'Renamed'), updatedAt: 2 }, CALLER));
    expectStorageError(await service.deletePreset('a', CALLER));
    expect(must(await service.listPresets(CALLER)).map((p) => p.name)).toEqual(['Kept']);
    repair();
    expect(must(await relaunch().listPresets(CALLER)).map((p) => p.name)).toEqual(['Kept']);
  });

  it('keeps settings, profiles and the active profile as on disk when a change cannot be written', async () => {
    const { service, breakFolder, repair, relaunch } = setup();
    const other = must(await service.saveProfile({ name: 'Other', baseUrl: 'http://other.test' }, CALLER));
    const before = must(await service.getSettings(CALLER));
    breakFolder();
    expectStorageError(await service.updateSettings({ theme: 'dark', compareConcurrency: 2 }, CALLER));
    expectStorageError(await service.updateSettings({ activeProfileId: other.id }, CALLER));
    expectStorageError(
      await service.saveProfile({ id: other.id, name: 'Renamed', baseUrl: 'http://x.test' }, CALLER),
    );
    expectStorageError(await service.saveProfile({ name: 'New', baseUrl: 'http://new.test' }, CALLER));
    expectStorageError(await service.removeProfile(other.id, CALLER));
    const after = must(await service.getSettings(CALLER));
    expect(after).toEqual(before);
    repair();
    const { notices: _n, ...reread } = must(await relaunch().getSettings(CALLER));
    const { notices: _m, ...shown } = after;
    expect(reread).toEqual(shown);
  });

  it('reports a draft that could not be written at the next save, without throwing from its timer', async () => {
    vi.useFakeTimers();
    const { service, breakFolder, repair } = setup();
    const draft = (prompt: string) => ({ params: { model: 'm', prompt, stream: true } });
    must(await service.saveDraft(draft('one'), CALLER));
    breakFolder();
    must(await service.saveDraft(draft('two'), CALLER));
    vi.advanceTimersByTime(DRAFT_WRITE_DELAY_MS);
    const next = await service.saveDraft(draft('three'), CALLER);
    expectStorageError(next);
    expect(!next.ok && next.error.message).toMatch(/last draft could not be written/);
    expect(must(await service.getDraft(CALLER))).toEqual(draft('three'));
    repair();
    vi.advanceTimersByTime(DRAFT_WRITE_DELAY_MS);
    must(await service.saveDraft(draft('four'), CALLER));
  });

  it('shows what history says (a failed write) among the settings notices', async () => {
    const { service, history } = setup();
    expect(must(await service.getSettings(CALLER)).notices).toEqual([]);
    history.told.push('Run history could not be written to /x (ENOSPC).');
    expect(must(await service.getSettings(CALLER)).notices).toEqual([
      'Run history could not be written to /x (ENOSPC).',
    ]);
  });
});
