import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { SharedPreset } from '../../../shared/preset-format';
import { fail, ok, type Result } from '../../../shared/result';
import type { Preset } from '../../../shared/schemas';
import type { TeamFolderView, TeamPresetEntry, TeamSaveOptions } from '../../../shared/team-folder';
import type { FolderPicker, Logger } from '../ports';
import { writeFileAtomic } from './atomic-write';
import { checkFolderPath } from './folder-path';
import { createFolderScanner, fileHash, type FolderListing } from './folder-scan';
import { DEFAULT_WATCH_TIMING, watchFolder, type WatchTiming } from './folder-watch';
import { freeFileName } from './file-names';
import { serializeTeamPreset } from './team-preset-file';
import { changedMeanwhile, readPresetBytes, refusalToReplace } from './write-guards';

/** What the team folder is built from. */
export interface TeamFolderDeps {
  /** Where the chosen folder is remembered (an entry of the settings document). */
  setting: { get(): unknown; set(path: string | undefined): void };
  pickFolder?: FolderPicker;
  logger: Logger;
  timing?: WatchTiming;
}

const EMPTY: FolderListing = { presets: [], caseSets: [], isWritable: false };

/** The listing's identity: what changed when it changes (a file's hash stands for its content). */
const signatureOf = (path: string | undefined, l: FolderListing): string =>
  JSON.stringify([
    path,
    l.error,
    l.isWritable,
    [...l.presets, ...l.caseSets].map((e) => [e.fileName, e.hash, e.problem?.message]),
  ]);

/**
 * The team folder: the chosen folder (remembered in settings), its listing kept current by a watch plus a periodic
 * rescan, and the only writes it makes — a preset written atomically into a new or unchanged file, and a valid
 * preset file removed after a move to "Mine". A write names the hash of the file as its caller saw it and is
 * refused when the file changed since, so neither side's edit is silently overwritten. Files that do not read are
 * never written or removed (docs/architecture.md#data-is-sacred).
 */
export const createTeamFolder = (deps: TeamFolderDeps) => {
  const { logger } = deps;
  let path: string | undefined;
  let listing = EMPTY;
  let version = 0;
  let signature = signatureOf(undefined, EMPTY);
  let scan: ((force?: boolean) => Promise<FolderListing>) | undefined;
  let stopWatch: (() => void) | undefined;
  let chain: Promise<void> = Promise.resolve();
  let queued = 0;

  const startWatch = (dir: string) => {
    stopWatch?.();
    stopWatch = watchFolder(
      dir,
      (isFileEvent) => void refresh(isFileEvent),
      deps.timing ?? DEFAULT_WATCH_TIMING,
    );
  };

  const adopt = (next: FolderListing) => {
    // A folder that was gone and is back (a remounted drive, a re-cloned checkout) is a new directory to watch.
    if (listing.error && !next.error && path !== undefined) startWatch(path);
    listing = next;
    const nextSignature = signatureOf(path, next);
    if (nextSignature !== signature) {
      signature = nextSignature;
      version++;
    }
  };

  /** Scans one at a time; a periodic rescan is skipped while another scan is queued, a forced one never is. */
  const refresh = (force: boolean): Promise<void> => {
    if (!force && queued > 0) return chain;
    queued++;
    chain = chain.then(async () => {
      const current = scan;
      try {
        if (!current) return;
        const next = await current(force);
        if (current === scan) adopt(next);
      } catch (error) {
        logger.warn('team folder: scan failed', { error: String(error).slice(0, 200) });
      } finally {
        queued--;
      }
    });
    return chain;
  };

  const use = (next: string | undefined): Promise<void> => {
    stopWatch?.();
    stopWatch = undefined;
    path = next;
    scan = next === undefined ? undefined : createFolderScanner(next);
    if (next === undefined) {
      adopt(EMPTY);
      return chain;
    }
    startWatch(next);
    return refresh(true);
  };

  const stored = deps.setting.get();
  const ready = use(typeof stored === 'string' && stored ? stored : undefined);

  const view = async (): Promise<TeamFolderView> => {
    await ready;
    return {
      ...(path !== undefined ? { path } : {}),
      canPickFolder: deps.pickFolder !== undefined,
      version,
      isWritable: listing.isWritable,
      ...(listing.error ? { error: listing.error } : {}),
      presets: listing.presets,
      caseSets: listing.caseSets,
    };
  };

  const folder = (): Result<string> =>
    path === undefined ? fail('not_found', 'No team folder is set: choose one in Settings.') : ok(path);

  /** The file's bytes now, or undefined when it is gone. */
  const currentBytes = (dir: string, fileName: string): Promise<Buffer | undefined> =>
    readFile(join(dir, fileName)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });

  const setPath = async (raw: string | null): Promise<Result<TeamFolderView>> => {
    if (raw === null) {
      deps.setting.set(undefined);
      await use(undefined);
      return ok(await view());
    }
    const checked = await checkFolderPath(raw);
    if (!checked.ok) return checked;
    // Remembered before it is shown as chosen.
    deps.setting.set(checked.value);
    await use(checked.value);
    return ok(await view());
  };

  return {
    view,
    version: (): number => version,
    setPath,
    async choose(): Promise<Result<TeamFolderView | null>> {
      if (!deps.pickFolder) {
        return fail(
          'invalid_input',
          'This app cannot show a folder picker here: type the folder path instead.',
        );
      }
      const picked = await deps.pickFolder();
      return picked === undefined ? ok(null) : setPath(picked);
    },

    /**
     * Writes one preset: into `options.fileName` when its hash is still `options.baseHash`, else into a new file
     * named after the preset. `fallbackBaseUrl` is written only when the user ticked "include the base URL".
     */
    async savePreset(
      preset: Preset,
      options: TeamSaveOptions,
      fallbackBaseUrl: string,
    ): Promise<Result<TeamPresetEntry>> {
      const dir = folder();
      if (!dir.ok) return dir;
      const text = serializeTeamPreset(preset, options.includeBaseUrl ? fallbackBaseUrl : undefined);
      let fileName = options.fileName;
      if (fileName !== undefined) {
        const refusal = refusalToReplace(fileName, await currentBytes(dir.value, fileName), options.baseHash);
        if (refusal) return refusal;
      } else {
        fileName = freeFileName(preset.name, await readdir(dir.value));
      }
      await writeFileAtomic(dir.value, fileName, text);
      await refresh(true);
      const entry = listing.presets.find((e) => e.fileName === fileName);
      return entry?.preset
        ? ok(entry)
        : fail('storage', `${fileName} was written but could not be read back.`);
    },

    /** The preset of a file as it is now, if its hash is still `baseHash` and it reads. */
    async readPreset(fileName: string, baseHash: string): Promise<Result<SharedPreset>> {
      const dir = folder();
      if (!dir.ok) return dir;
      const bytes = await currentBytes(dir.value, fileName);
      if (bytes === undefined) return fail('not_found', `${fileName} is not in the team folder (any more).`);
      if (fileHash(bytes) !== baseHash) return changedMeanwhile(fileName);
      const read = readPresetBytes(bytes);
      return read.ok
        ? ok(read.value)
        : fail('invalid_input', `${fileName}: ${read.problem.message}`, {
            param: read.problem.field ?? 'fileName',
          });
    },

    /** Removes a preset file that still has `baseHash`: the version its caller read, unchanged since. */
    async removePreset(fileName: string, baseHash: string): Promise<Result<null>> {
      const dir = folder();
      if (!dir.ok) return dir;
      const bytes = await currentBytes(dir.value, fileName);
      if (bytes === undefined) return ok(null);
      if (fileHash(bytes) !== baseHash) return changedMeanwhile(fileName);
      await rm(join(dir.value, fileName));
      await refresh(true);
      return ok(null);
    },

    /** Stops watching; waits for a scan under way. */
    async stop(): Promise<void> {
      stopWatch?.();
      stopWatch = undefined;
      scan = undefined;
      await chain;
    },
  };
};

/** The team folder of a service. */
export type TeamFolder = ReturnType<typeof createTeamFolder>;
