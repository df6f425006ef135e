/**
 * A team folder for component tests, added onto the fake api: a listing in memory that a test changes as a colleague
 * would (`change`), and the saves, moves and folder choices the UI asked for. Like main, it refuses a save or move
 * that names a file version other than the current one.
 */
import { fail, ok } from '../../../shared/result';
import type { Preset } from '../../../shared/schemas';
import type {
  TeamCaseSetEntry,
  TeamFolderView,
  TeamMove,
  TeamPresetEntry,
  TeamSaveOptions,
} from '../../../shared/team-folder';
import type { FakeApi } from './fake-api';

/** The fake folder and what the UI did with it. */
export interface FakeTeamFolder {
  view: TeamFolderView;
  saves: { preset: Preset; options: TeamSaveOptions }[];
  moves: TeamMove[];
  /** Paths passed to setTeamFolder. */
  paths: (string | null)[];
  /** Replaces the listing as a change on disk would, and raises the version. */
  change: (presets: TeamPresetEntry[], caseSets?: TeamCaseSetEntry[]) => void;
}

let hashes = 0;
const nextHash = () => `hash-${++hashes}`;

/** A readable entry for `preset`, as main lists it (the id follows the file name). */
export const teamEntry = (
  fileName: string,
  preset: Omit<Preset, 'id'>,
  hash = nextHash(),
): TeamPresetEntry => ({
  fileName,
  hash,
  preset: { ...preset, id: `team-${fileName}` },
});

/** Gives `api` a team folder at `path` (none when absent) holding `presets`. */
export function addFakeTeamFolder(
  api: FakeApi,
  init: {
    path?: string;
    presets?: TeamPresetEntry[];
    caseSets?: TeamCaseSetEntry[];
    canPickFolder?: boolean;
  } = {},
): FakeTeamFolder {
  const folder: FakeTeamFolder = {
    view: {
      ...(init.path ? { path: init.path } : {}),
      canPickFolder: init.canPickFolder ?? false,
      version: 1,
      isWritable: true,
      presets: init.presets ?? [],
      caseSets: init.caseSets ?? [],
    },
    saves: [],
    moves: [],
    paths: [],
    change(presets, caseSets = folder.view.caseSets) {
      folder.view = { ...folder.view, presets, caseSets, version: folder.view.version + 1 };
    },
  };
  const byFile = (fileName: string) => folder.view.presets.find((e) => e.fileName === fileName);
  const put = (entry: TeamPresetEntry) =>
    folder.change([...folder.view.presets.filter((e) => e.fileName !== entry.fileName), entry]);

  api.getTeamFolder = () => Promise.resolve(ok(folder.view));
  api.teamFolderVersion = () => Promise.resolve(ok(folder.view.version));
  api.setTeamFolder = (path) => {
    folder.paths.push(path);
    if (path !== null && !path.startsWith('/')) {
      return Promise.resolve(fail('invalid_input', `"${path}" is not an absolute path`, { param: 'path' }));
    }
    const { path: _old, ...rest } = folder.view;
    folder.view = { ...rest, ...(path ? { path } : {}), version: folder.view.version + 1 };
    return Promise.resolve(ok(folder.view));
  };
  // The OS picker "chooses" /picked/team.
  api.chooseTeamFolder = () => api.setTeamFolder('/picked/team');
  api.saveTeamPreset = (preset, options) => {
    folder.saves.push({ preset, options });
    const current = options.fileName ? byFile(options.fileName) : undefined;
    if (current && current.hash !== options.baseHash) {
      return Promise.resolve(fail('conflict', `${current.fileName} changed in the team folder`));
    }
    const fileName = options.fileName ?? `${preset.name.toLowerCase().replace(/\W+/g, '-')}.preset.json`;
    const { id: _id, ...rest } = preset;
    const entry = teamEntry(fileName, rest);
    put(entry);
    return Promise.resolve(ok(entry));
  };
  api.moveTeamPreset = (move) => {
    folder.moves.push(move);
    if (move.to === 'team') {
      const mine = api.presets.get(move.presetId);
      if (!mine) return Promise.resolve(fail('not_found', 'no such preset'));
      const { id: _id, ...rest } = mine;
      const entry = teamEntry(`${mine.name.toLowerCase()}.preset.json`, rest);
      put(entry);
      api.presets.delete(mine.id);
      return Promise.resolve(ok({ to: 'team' as const, entry }));
    }
    const entry = byFile(move.fileName);
    if (!entry?.preset || entry.hash !== move.baseHash) {
      return Promise.resolve(fail('conflict', `${move.fileName} changed in the team folder`));
    }
    const preset = { ...entry.preset, id: `mine-${entry.fileName}` };
    api.presets.set(preset.id, preset);
    folder.change(folder.view.presets.filter((e) => e !== entry));
    return Promise.resolve(ok({ to: 'mine' as const, preset }));
  };
  return folder;
}
