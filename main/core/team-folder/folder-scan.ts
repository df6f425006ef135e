import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { access, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CASES_FILE_SUFFIX, parseCasesFile } from '../../../shared/cases/cases-file';
import { toPreset } from '../../../shared/preset-format';
import {
  TEAM_PRESET_SUFFIX,
  type TeamCaseSetEntry,
  type TeamFileProblem,
  type TeamPresetEntry,
} from '../../../shared/team-folder';
import { fileText, mergeConflictProblem, readTeamPreset } from './team-preset-file';

/** Most files of each kind listed: a folder is a library, not a data set, and each file is held in memory. */
export const MAX_TEAM_FILES = 1000;

/** Largest file read, in bytes: a preset file is at most 5 M characters; case sets may be larger. */
const MAX_BYTES = { preset: 20 * 1024 * 1024, cases: 64 * 1024 * 1024 } as const;

/** What the folder holds, read. */
export interface FolderListing {
  presets: TeamPresetEntry[];
  caseSets: TeamCaseSetEntry[];
  isWritable: boolean;
  /** Why the folder could not be read (its files are then not listed, and never touched). */
  error?: string;
}

/** A short digest of a file's bytes: what a save or move names to prove it saw the current file. */
export const fileHash = (bytes: Buffer | string): string =>
  createHash('sha256').update(bytes).digest('hex').slice(0, 32);

/** The id of the preset in `dir/fileName`: the same on every scan while the file keeps its name. */
export const teamPresetId = (dir: string, fileName: string): string =>
  `team-${createHash('sha256').update(`${dir}\0${fileName}`).digest('hex').slice(0, 24)}`;

/** A file system failure in a few words. */
export const reasonOf = (error: unknown): string => {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'the folder does not exist (any more)';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR') return 'not a folder';
  return code ?? (error instanceof Error ? error.message.slice(0, 200) : 'unknown error');
};

const presetEntry = (dir: string, fileName: string, bytes: Buffer, mtimeMs: number): TeamPresetEntry => {
  const hash = fileHash(bytes);
  const read = readTeamPreset(fileText(bytes));
  if (!read.ok) return { fileName, hash, problem: read.problem };
  const at = Math.round(mtimeMs);
  return { fileName, hash, preset: toPreset(read.value, { id: teamPresetId(dir, fileName), now: at }) };
};

const caseSetEntry = (fileName: string, bytes: Buffer): TeamCaseSetEntry => {
  const hash = fileHash(bytes);
  const text = fileText(bytes);
  const conflict = mergeConflictProblem(text);
  if (conflict) return { fileName, hash, problem: conflict };
  const parsed = parseCasesFile(text);
  if (!parsed.ok) {
    const { message, param } = parsed.error;
    return { fileName, hash, problem: { message, ...(param ? { field: param } : {}) } };
  }
  const { name, variables, rows } = parsed.value;
  return { fileName, hash, name, variables, rowCount: rows.length };
};

/** How one kind of file is listed. */
interface FileKind<E> {
  suffix: string;
  maxBytes: number;
  read: (fileName: string, bytes: Buffer, mtimeMs: number) => E;
  /** The entry of a file that cannot be read at all. */
  broken: (fileName: string, problem: TeamFileProblem) => E;
}

const broken = (fileName: string, problem: TeamFileProblem) => ({ fileName, hash: '', problem });

/**
 * Reads a folder's `*.preset.json` and `*.cases.json` files. Files whose size, time and inode are unchanged are not
 * read again, unless `force` (a watch event: a rewrite within one clock tick keeps the same time). Read-only: an
 * invalid, half-written or conflicted file is listed with its problem, and nothing here writes or removes anything.
 */
export const createFolderScanner = (dir: string) => {
  const cache = new Map<string, { stamp: string; entry: unknown }>();

  const readEntry = async <E>(
    kind: FileKind<E>,
    fileName: string,
    force: boolean,
  ): Promise<E | undefined> => {
    const path = join(dir, fileName);
    const info = await stat(path);
    if (!info.isFile()) return undefined;
    const stamp = `${info.size}:${info.mtimeMs}:${info.ino}`;
    const cached = cache.get(fileName);
    if (!force && cached?.stamp === stamp) return cached.entry as E;
    if (info.size > kind.maxBytes) {
      return kind.broken(fileName, { message: `the file is too large to list (${info.size} bytes)` });
    }
    const entry = kind.read(fileName, await readFile(path), info.mtimeMs);
    cache.set(fileName, { stamp, entry });
    return entry;
  };

  const list = async <E>(kind: FileKind<E>, names: readonly string[], force: boolean, into: E[]) => {
    for (const fileName of names.filter((n) => n.endsWith(kind.suffix)).slice(0, MAX_TEAM_FILES)) {
      try {
        const entry = await readEntry(kind, fileName, force);
        if (entry) into.push(entry);
      } catch (error) {
        // Removed between the listing and the read: a rename mid-scan shows up whole on the next scan.
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        into.push(kind.broken(fileName, { message: `the file cannot be read: ${reasonOf(error)}` }));
      }
    }
  };

  const presetKind: FileKind<TeamPresetEntry> = {
    suffix: TEAM_PRESET_SUFFIX,
    maxBytes: MAX_BYTES.preset,
    read: (fileName, bytes, mtimeMs) => presetEntry(dir, fileName, bytes, mtimeMs),
    broken,
  };
  const casesKind: FileKind<TeamCaseSetEntry> = {
    suffix: CASES_FILE_SUFFIX,
    maxBytes: MAX_BYTES.cases,
    read: (fileName, bytes) => caseSetEntry(fileName, bytes),
    broken,
  };

  return async (force = false): Promise<FolderListing> => {
    let names: string[];
    try {
      names = (await readdir(dir)).filter((n) => !n.startsWith('.')).sort();
    } catch (error) {
      cache.clear();
      return {
        presets: [],
        caseSets: [],
        isWritable: false,
        error: `The team folder cannot be read: ${reasonOf(error)}.`,
      };
    }
    const isWritable = await access(dir, constants.W_OK).then(
      () => true,
      () => false,
    );
    const listing: FolderListing = { presets: [], caseSets: [], isWritable };
    await list(presetKind, names, force, listing.presets);
    await list(casesKind, names, force, listing.caseSets);
    const present = new Set(names);
    for (const name of cache.keys()) if (!present.has(name)) cache.delete(name);
    return listing;
  };
};
