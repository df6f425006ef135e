import { randomUUID } from 'node:crypto';
import type { PlaygroundApi } from '../../../shared/api';
import { toPreset } from '../../../shared/preset-format';
import { fail, ok } from '../../../shared/result';
import type { TeamFolder } from '../team-folder';
import { guarded } from './guarded';
import type { createPresetsRepo } from './presets-repo';

type TeamMethods =
  | 'getTeamFolder'
  | 'teamFolderVersion'
  | 'setTeamFolder'
  | 'chooseTeamFolder'
  | 'saveTeamPreset'
  | 'moveTeamPreset';

/**
 * The team folder methods of the service. A move writes the preset in its new place before removing it from the old
 * one, so a failure in between leaves two copies, never none (docs/architecture.md#data-is-sacred).
 */
export const createTeamHandlers = (deps: {
  team: TeamFolder;
  presets: ReturnType<typeof createPresetsRepo>;
  /** The active profile's base URL: what "include the base URL" writes for a preset without its own. */
  activeBaseUrl: () => string;
}): Pick<PlaygroundApi, TeamMethods> => {
  const { team, presets } = deps;
  return {
    getTeamFolder: () => guarded('read the team folder', async () => ok(await team.view())),
    teamFolderVersion: () => Promise.resolve(ok(team.version())),
    setTeamFolder: (path) => guarded('set the team folder', () => team.setPath(path)),
    chooseTeamFolder: () => guarded('choose the team folder', () => team.choose()),
    saveTeamPreset: (preset, options) =>
      guarded('save to the team folder', () => team.savePreset(preset, options, deps.activeBaseUrl())),
    moveTeamPreset: (move) =>
      guarded('move the preset', async () => {
        if (move.to === 'team') {
          const preset = presets.list().find((p) => p.id === move.presetId);
          if (!preset) return fail('not_found', `There is no preset with id ${move.presetId}.`);
          const written = await team.savePreset(
            preset,
            { includeBaseUrl: move.includeBaseUrl },
            deps.activeBaseUrl(),
          );
          if (!written.ok) return written;
          presets.delete(preset.id);
          return ok({ to: 'team' as const, entry: written.value });
        }
        const read = await team.readPreset(move.fileName, move.baseHash);
        if (!read.ok) return read;
        const now = Date.now();
        const preset = toPreset(read.value, { id: randomUUID(), now });
        if (!presets.save(preset)) {
          return fail('conflict', 'The preset list is full; delete some presets first.');
        }
        const removed = await team.removePreset(move.fileName, move.baseHash);
        if (!removed.ok) {
          // Changed on disk between the read and the removal: keep the colleague's file; the copy stays in Mine.
          return fail(
            'conflict',
            `${move.fileName} changed in the team folder while it was being moved; it was copied to ` +
              'your presets and left in the folder',
            { param: 'fileName' },
          );
        }
        return ok({ to: 'mine' as const, preset });
      }),
  };
};
