import { fail, ok } from '../../../../shared/result';
import type { TeamFolderView } from '../../../../shared/team-folder';
import { teamEntryById, teamPresetsOf, type TeamFolderStore } from './team-folder-store';
import type { PresetsStore } from './use-presets';

/**
 * My presets and the team folder's as one list, for what loads or saves the editor's preset whichever list it came
 * from (the modified marker, Save preset, Compare). Saving a team preset writes its file, naming the version it was
 * loaded from, so a file changed meanwhile is refused rather than overwritten; a base URL the file had stays.
 * Everything else goes to my presets.
 */
export const withTeamPresets = (
  mine: PresetsStore,
  view: TeamFolderView | undefined,
  team: TeamFolderStore,
): PresetsStore => ({
  ...mine,
  presets: [...mine.presets, ...teamPresetsOf(view)],
  refresh: async () => {
    await Promise.all([mine.refresh(), team.refresh()]);
  },
  save: async (preset) => {
    const entry = teamEntryById(view, preset.id);
    if (!entry?.preset) return mine.save(preset);
    const baseUrl = entry.preset.baseUrl;
    const res = await team.save(baseUrl === undefined ? preset : { ...preset, baseUrl }, {
      fileName: entry.fileName,
      baseHash: entry.hash,
      includeBaseUrl: baseUrl !== undefined,
    });
    if (!res.ok) return res;
    return res.value.preset
      ? ok(res.value.preset)
      : fail('storage', `${res.value.fileName} was written but does not read back.`);
  },
});
