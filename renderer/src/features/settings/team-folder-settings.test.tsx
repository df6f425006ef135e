// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeApi } from '../../test-support/fake-api';
import { addFakeTeamFolder, teamEntry } from '../../test-support/fake-team-folder';
import { renderWithApi } from '../../test-support/render-with-api';
import { TeamFolderSettings } from './team-folder-settings';

afterEach(cleanup);

const section = () => screen.getByRole('region', { name: 'Team folder' });

describe('Settings → Team folder', () => {
  it('takes a typed path (web mode), shows why one is refused, and stops using it', async () => {
    const api = createFakeApi();
    const folder = addFakeTeamFolder(api, {
      presets: [
        teamEntry('a.preset.json', {
          name: 'A',
          description: '',
          params: { model: 'm', prompt: '', stream: true },
          includesPrompt: false,
          createdAt: 1,
          updatedAt: 1,
        }),
      ],
    });
    await renderWithApi(<TeamFolderSettings />, api);
    const user = userEvent.setup();
    const input = within(section()).getByLabelText('Folder path');
    expect(within(section()).queryByRole('button', { name: 'Choose…' })).toBeNull();

    await user.type(input, 'team-presets');
    await user.click(within(section()).getByRole('button', { name: 'Use this folder' }));
    expect(await within(section()).findByRole('alert')).toHaveTextContent(
      '"team-presets" is not an absolute path',
    );

    await user.clear(input);
    await user.type(input, '/work/team');
    await user.click(within(section()).getByRole('button', { name: 'Use this folder' }));
    expect(await within(section()).findByRole('status')).toHaveTextContent('Using /work/team: 1 preset');
    expect(within(section()).queryByRole('alert')).toBeNull();

    await user.click(within(section()).getByRole('button', { name: 'Stop using it' }));
    expect(folder.paths).toEqual(['team-presets', '/work/team', null]);
    expect(within(section()).queryByRole('status')).toBeNull();
  });

  it('keeps what the user typed before the current setting arrived', async () => {
    const api = createFakeApi();
    addFakeTeamFolder(api, { path: '/old/team' });
    const answer = api.getTeamFolder.bind(api);
    let release = () => undefined as void;
    api.getTeamFolder = () => new Promise((resolve) => (release = () => void answer().then(resolve)));
    await renderWithApi(<TeamFolderSettings />, api);
    const input = within(section()).getByLabelText('Folder path');
    await userEvent.setup().type(input, '/new/team');
    release();
    expect(await within(section()).findByRole('status')).toHaveTextContent('Using /old/team');
    expect(input).toHaveValue('/new/team');
  });

  it('offers the OS folder picker where main has one', async () => {
    const api = createFakeApi();
    const folder = addFakeTeamFolder(api, { canPickFolder: true });
    await renderWithApi(<TeamFolderSettings />, api);
    await userEvent.setup().click(await within(section()).findByRole('button', { name: 'Choose…' }));
    expect(await within(section()).findByRole('status')).toHaveTextContent('Using /picked/team');
    expect(within(section()).getByLabelText('Folder path')).toHaveValue('/picked/team');
    expect(folder.paths).toEqual(['/picked/team']);
  });
});
