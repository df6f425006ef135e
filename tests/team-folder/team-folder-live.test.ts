/**
 * Changes made outside the app — a colleague's edit, a git pull, a file deleted or renamed — reach the listing within
 * 2 s, through the service and real files: once with the file watch, once with the periodic rescan alone (the case of
 * a network drive, where fs.watch sees nothing).
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WatchTiming } from '../../main/core/team-folder';
import { serializeCasesFile } from '../../shared/cases/cases-file';
import { CALLER } from '../contract/contract-harness';
import {
  cleanupTeamDirs,
  makeTeamService,
  must,
  presetFileText,
  presetNames,
  waitForListing,
} from './team-harness';

const shutdowns: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of shutdowns.splice(0)) await stop();
  cleanupTeamDirs();
});

const WATCH_AND_RESCAN: WatchTiming = { debounceMs: 150, rescanMs: 800, useFsWatch: true };
// The rescan is the only way to notice here; its period is the app's default.
const RESCAN_ONLY: WatchTiming = { debounceMs: 150, rescanMs: 800, useFsWatch: false };

describe.each([
  ['with the file watch', WATCH_AND_RESCAN],
  ['with the periodic rescan alone', RESCAN_ONLY],
])('the team folder, %s', (_label, timing) => {
  const start = async () => {
    const made = await makeTeamService({ team: { teamFolderTiming: timing } });
    shutdowns.push(() => made.service.shutdown());
    return made;
  };

  it('picks up an added, changed, renamed and deleted preset file within 2 s', async () => {
    const { service, folder } = await start();
    expect(must(await service.getTeamFolder(CALLER)).presets).toEqual([]);

    writeFileSync(join(folder, 'warm.preset.json'), presetFileText('Warm', { temperature: 0.9 }));
    const added = await waitForListing(service, (v) => presetNames(v).includes('warm.preset.json'));
    expect(added.elapsedMs).toBeLessThan(2000);
    const first = added.view.presets[0]!;
    expect(first.preset).toMatchObject({ name: 'Warm', params: { temperature: 0.9 } });

    writeFileSync(join(folder, 'warm.preset.json'), presetFileText('Warm', { temperature: 0.3 }));
    const changed = await waitForListing(service, (v) => v.presets[0]?.preset?.params.temperature === 0.3);
    expect(changed.elapsedMs).toBeLessThan(2000);
    // Same file, same id: an editor that loaded it follows its changes.
    expect(changed.view.presets[0]!.preset!.id).toBe(first.preset!.id);
    expect(changed.view.presets[0]!.hash).not.toBe(first.hash);

    renameSync(join(folder, 'warm.preset.json'), join(folder, 'cosy.preset.json'));
    const renamed = await waitForListing(service, (v) => presetNames(v).join() === 'cosy.preset.json');
    expect(renamed.elapsedMs).toBeLessThan(2000);
    expect(renamed.view.presets[0]!.preset).toMatchObject({ name: 'Warm', params: { temperature: 0.3 } });

    rmSync(join(folder, 'cosy.preset.json'));
    const deleted = await waitForListing(service, (v) => v.presets.length === 0);
    expect(deleted.elapsedMs).toBeLessThan(2000);
  });

  it('lists case sets the same way', async () => {
    const { service, folder } = await start();
    const set = {
      name: 'Greetings',
      variables: ['who'],
      rows: [
        { id: 'a', values: { who: 'Ada' } },
        { id: 'b', values: { who: 'Linus' } },
      ],
    };
    writeFileSync(join(folder, 'greetings.cases.json'), serializeCasesFile(set));
    const { view } = await waitForListing(service, (v) => v.caseSets.length === 1);
    expect(view.caseSets[0]).toMatchObject({
      fileName: 'greetings.cases.json',
      name: 'Greetings',
      variables: ['who'],
      rowCount: 2,
    });
    rmSync(join(folder, 'greetings.cases.json'));
    await waitForListing(service, (v) => v.caseSets.length === 0);
  });
});

describe('a team folder that goes away', () => {
  it('says it cannot be read while it is gone, and lists it again when it is back', async () => {
    const made = await makeTeamService({});
    shutdowns.push(() => made.service.shutdown());
    const { service, folder } = made;
    writeFileSync(join(folder, 'a.preset.json'), presetFileText('A'));
    await waitForListing(service, (v) => v.presets.length === 1);

    rmSync(folder, { recursive: true });
    const gone = await waitForListing(service, (v) => v.error !== undefined);
    expect(gone.view.error).toMatch(/cannot be read: the folder does not exist/);
    expect(gone.view.path).toBe(folder);

    mkdirSync(folder);
    writeFileSync(join(folder, 'b.preset.json'), presetFileText('B'));
    const back = await waitForListing(service, (v) => v.error === undefined && v.presets.length === 1);
    expect(presetNames(back.view)).toEqual(['b.preset.json']);
  });
});
