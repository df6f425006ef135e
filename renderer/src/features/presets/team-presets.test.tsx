// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Preset } from '../../../../shared/schemas';
import { createFakeApi } from '../../test-support/fake-api';
import { addFakeTeamFolder, teamEntry } from '../../test-support/fake-team-folder';
import { renderFeatures } from '../../test-support/render-features';

afterEach(cleanup);

const draft = { params: { model: 'fake-model', prompt: 'Hello there', stream: true, temperature: 0.7 } };
const shared = (name: string, params: Partial<Preset['params']> = {}): Omit<Preset, 'id'> => ({
  name,
  description: '',
  params: { model: 'fake-model', prompt: '', stream: true, temperature: 0.5, ...params },
  includesPrompt: false,
  createdAt: 1,
  updatedAt: 1,
});
// The page polls the folder's version every 700 ms; a change shows within one or two polls.
const POLLED = { timeout: 3000 };

const openPresets = async (t: Awaited<ReturnType<typeof renderFeatures>>) => {
  await t.user.click(screen.getByRole('button', { name: 'Presets' }));
  return screen.findByRole('list', { name: 'Team presets' });
};

describe('the Team section', () => {
  it('lists the folder’s presets with their file names, unreadable files with their problem, and case sets', async () => {
    const api = createFakeApi({ draft });
    addFakeTeamFolder(api, {
      path: '/work/team',
      presets: [
        teamEntry('warm.preset.json', shared('Warm')),
        {
          fileName: 'hot.preset.json',
          hash: 'h',
          problem: { message: 'Too big', field: 'presets.0.params.temperature' },
        },
        {
          fileName: 'merged.preset.json',
          hash: 'm',
          problem: { message: 'unresolved git merge conflict', field: 'line 3', isMergeConflict: true },
        },
      ],
      caseSets: [
        { fileName: 'greet.cases.json', hash: 'c', name: 'Greetings', variables: ['who'], rowCount: 2 },
      ],
    });
    const t = await renderFeatures(api);
    const list = await openPresets(t);
    expect(screen.getByRole('heading', { name: 'Mine' })).toBeInTheDocument();
    const warm = within(list).getByRole('listitem', { name: 'Warm' });
    expect(warm).toHaveTextContent('warm.preset.json');
    const hot = within(list).getByRole('listitem', { name: 'hot.preset.json' });
    expect(hot).toHaveTextContent('cannot be read');
    expect(hot).toHaveTextContent('presets.0.params.temperature: Too big');
    // Nothing offered for a file that does not read could change it.
    expect(within(hot).queryAllByRole('button')).toEqual([]);
    expect(within(list).getByRole('listitem', { name: 'merged.preset.json' })).toHaveTextContent(
      'merge conflict',
    );
    const cases = screen.getByRole('list', { name: 'Team case sets' });
    expect(within(cases).getByRole('listitem', { name: 'Greetings' })).toHaveTextContent('2 cases · {{who}}');

    await t.user.click(within(warm).getByRole('button', { name: 'Load Warm' }));
    expect(t.draft()).toMatchObject({ presetId: 'team-warm.preset.json', params: { temperature: 0.5 } });
  });

  it('shows a file added on disk without reopening anything', async () => {
    const api = createFakeApi({ draft });
    const folder = addFakeTeamFolder(api, { path: '/work/team' });
    const t = await renderFeatures(api);
    const list = await openPresets(t);
    expect(within(list).queryAllByRole('listitem')).toEqual([]);
    act(() => folder.change([teamEntry('new.preset.json', shared('Fresh'))]));
    expect(await within(list).findByRole('listitem', { name: 'Fresh' }, POLLED)).toBeInTheDocument();
  });

  it('moves a preset from Mine to Team, with the base URL only when ticked, and back', async () => {
    const mine: Preset = { ...shared('Crisp'), id: 'm1' };
    const api = createFakeApi({ draft, presets: [mine] });
    const folder = addFakeTeamFolder(api, { path: '/work/team' });
    const t = await renderFeatures(api);
    const team = await openPresets(t);
    const mineList = screen.getByRole('list', { name: 'Presets' });
    await t.user.click(within(mineList).getByRole('button', { name: 'Move Crisp to the team folder' }));
    const dialog = screen.getByRole('dialog', { name: 'Move to the team folder' });
    expect(within(dialog).getByRole('checkbox', { name: /Include the base URL/ })).not.toBeChecked();
    await t.user.click(within(dialog).getByRole('button', { name: 'Move' }));
    expect(folder.moves).toEqual([{ to: 'team', presetId: 'm1', includeBaseUrl: false }]);
    expect(await within(team).findByRole('listitem', { name: 'Crisp' })).toBeInTheDocument();
    await waitFor(() => expect(within(mineList).queryByRole('listitem', { name: 'Crisp' })).toBeNull());

    const entry = folder.view.presets[0]!;
    await t.user.click(within(team).getByRole('button', { name: 'Move Crisp to my presets' }));
    expect(folder.moves[1]).toEqual({ to: 'mine', fileName: entry.fileName, baseHash: entry.hash });
    expect(await within(mineList).findByRole('listitem', { name: 'Crisp' })).toBeInTheDocument();
    await waitFor(() => expect(within(team).queryByRole('listitem', { name: 'Crisp' })).toBeNull());
  });

  it('saves a loaded team preset into its own file, naming the version it was loaded from', async () => {
    const api = createFakeApi({ draft });
    const folder = addFakeTeamFolder(api, {
      path: '/work/team',
      presets: [teamEntry('warm.preset.json', shared('Warm'))],
    });
    const t = await renderFeatures(api);
    const list = await openPresets(t);
    const loadedHash = folder.view.presets[0]!.hash;
    await t.user.click(within(list).getByRole('button', { name: 'Load Warm' }));
    act(() => t.actions().patchParams({ temperature: 1.1 }));
    await t.user.click(screen.getByRole('button', { name: 'Save preset' }));
    const dialog = screen.getByRole('dialog', { name: 'Save preset' });
    expect(within(dialog).getByRole('radio', { name: 'Update "Warm"' })).toBeChecked();
    await t.user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(folder.saves).toHaveLength(1));
    expect(folder.saves[0]!.options).toEqual({
      fileName: 'warm.preset.json',
      baseHash: loadedHash,
      includeBaseUrl: false,
    });
    expect(folder.saves[0]!.preset.params.temperature).toBe(1.1);
    expect(api.presets.size).toBe(0);
    // Our own save is not a change from outside: no conflict, no notice.
    await new Promise((r) => setTimeout(r, 1000));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(t.draft().params.temperature).toBe(1.1);
  });
});

describe('a loaded team preset that changes on disk', () => {
  /** Loads Warm (temperature 0.5) from the team folder. */
  const loadWarm = async () => {
    const api = createFakeApi({ draft });
    const folder = addFakeTeamFolder(api, {
      path: '/work/team',
      presets: [teamEntry('warm.preset.json', shared('Warm'))],
    });
    const t = await renderFeatures(api);
    const list = await openPresets(t);
    await t.user.click(within(list).getByRole('button', { name: 'Load Warm' }));
    return { api, folder, t };
  };
  const theirs = () => teamEntry('warm.preset.json', shared('Warm', { temperature: 0.2, top_p: 0.8 }));

  it('follows the file when the editor has no unsaved changes, and can undo that', async () => {
    const { folder, t } = await loadWarm();
    act(() => folder.change([theirs()]));
    await waitFor(() => expect(t.draft().params.temperature).toBe(0.2), POLLED);
    expect(
      screen.getByText(/"Warm" changed in the team folder; the editor now has the new version/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).toBeNull();
    await t.user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(t.draft().params.temperature).toBe(0.5);
  });

  it('shows both sides and keeps mine when asked, overwriting nothing', async () => {
    const { folder, t } = await loadWarm();
    act(() => t.actions().patchParams({ temperature: 1.3 }));
    act(() => folder.change([theirs()]));
    const dialog = await screen.findByRole('dialog', { name: '"Warm" changed in the team folder' }, POLLED);
    const rows = within(within(dialog).getByRole('table', { name: 'Your editor against the file' }))
      .getAllByRole('row')
      .map((r) => r.textContent);
    expect(rows).toEqual([
      'ParameterYours (editor)Theirs (file)',
      'Temperature (changed)1.30.2',
      'Top P (set)not set0.8',
    ]);
    await t.user.click(within(dialog).getByRole('button', { name: 'Keep mine' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(t.draft().params.temperature).toBe(1.3);
    expect(folder.saves).toEqual([]);
    // Mine now differs from the file's new version: the marker says so, and the dialog does not come back.
    expect(screen.getByRole('button', { name: /Modified/ })).toBeInTheDocument();
    await new Promise((r) => setTimeout(r, 1000));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('takes theirs when asked', async () => {
    const { folder, t } = await loadWarm();
    act(() => t.actions().patchParams({ temperature: 1.3 }));
    act(() => folder.change([theirs()]));
    const dialog = await screen.findByRole('dialog', { name: '"Warm" changed in the team folder' }, POLLED);
    await t.user.click(within(dialog).getByRole('button', { name: 'Take theirs' }));
    expect(t.draft().params).toMatchObject({ temperature: 0.2, top_p: 0.8 });
    expect(t.draft().presetId).toBe('team-warm.preset.json');
    expect(folder.saves).toEqual([]);
    expect(screen.queryByRole('button', { name: /Modified/ })).toBeNull();
  });

  it('saves mine as a copy next to theirs and follows the copy', async () => {
    const { folder, t } = await loadWarm();
    act(() => t.actions().patchParams({ temperature: 1.3 }));
    const changed = theirs();
    act(() => folder.change([changed]));
    const dialog = await screen.findByRole('dialog', { name: '"Warm" changed in the team folder' }, POLLED);
    await t.user.click(within(dialog).getByRole('button', { name: 'Save mine as a copy' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(folder.saves).toHaveLength(1);
    expect(folder.saves[0]!.options).toEqual({ includeBaseUrl: false });
    expect(folder.saves[0]!.preset).toMatchObject({ name: 'Warm (my copy)', params: { temperature: 1.3 } });
    // Theirs is untouched, mine is its own file, and the editor now belongs to the copy.
    expect(folder.view.presets.find((e) => e.fileName === 'warm.preset.json')).toEqual(changed);
    expect(t.draft().presetId).toBe('team-warm-my-copy-.preset.json');
    expect(t.draft().params.temperature).toBe(1.3);
  });
});
