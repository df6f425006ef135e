/**
 * The team folder as the renderer sees it: a folder (a git checkout, a shared drive) whose `*.preset.json` and
 * `*.cases.json` files are a live preset library, one preset or case set per file. The types of the listing and the
 * argument schemas of the team folder methods live here so that api.ts and api-schemas.ts each gain only a few lines.
 */
import { z } from 'zod';
import type { Preset } from './schemas';

/** The file name suffix of a preset in a team folder. */
export const TEAM_PRESET_SUFFIX = '.preset.json';

/** What is wrong with a file the folder holds; the file itself is never changed because of it. */
export interface TeamFileProblem {
  message: string;
  /** The field (`presets.0.params.temperature`) or place (`line 12`) the message is about. */
  field?: string;
  /** True when the file holds git merge-conflict markers (`<<<<<<<`). */
  isMergeConflict?: boolean;
}

/** One `*.preset.json` of the folder: its preset when it reads, else its problem. */
export interface TeamPresetEntry {
  fileName: string;
  /** A digest of the file's bytes: saves and moves name it, so a file changed meanwhile is never overwritten. */
  hash: string;
  /** The preset, with an id that stays the same while the file keeps its name in this folder. */
  preset?: Preset;
  problem?: TeamFileProblem;
}

/** One `*.cases.json` of the folder, summarised. */
export interface TeamCaseSetEntry {
  fileName: string;
  hash: string;
  name?: string;
  variables?: string[];
  rowCount?: number;
  problem?: TeamFileProblem;
}

/** The team folder setting and what the folder holds now. */
export interface TeamFolderView {
  /** The chosen folder; absent when none is set. */
  path?: string;
  /** Whether this app can show the OS folder picker (the desktop app can, web mode cannot). */
  canPickFolder: boolean;
  /** Rises whenever the listing changes; the page polls it (teamFolderVersion) to know when to read again. */
  version: number;
  /** Whether files can be written there (a read-only checkout is still listed). */
  isWritable: boolean;
  /** Why the folder cannot be read right now (unplugged drive, removed folder); its files are left alone. */
  error?: string;
  presets: TeamPresetEntry[];
  caseSets: TeamCaseSetEntry[];
}

/** A file name in the folder: no path separators, no leading dot, the given suffix. */
const fileNameWith = (suffix: string) =>
  z
    .string()
    .max(255)
    .refine((n) => n.endsWith(suffix) && n.length > suffix.length, { message: `must end in ${suffix}` })
    // No separators, drive or stream colons, or control characters: the name stays inside the folder on every OS.
    .refine((n) => !/[/\\:]/.test(n) && ![...n].some((c) => c < ' ') && !n.startsWith('.'), {
      message: 'a file name in the folder, without a path',
    });

/** The file name of a team preset, as a call names it. */
export const teamPresetFileNameSchema = fileNameWith(TEAM_PRESET_SUFFIX);

/** A folder path as typed (web mode) or picked; checked on disk by the service. */
export const teamFolderPathSchema = z.string().trim().min(1, 'type the folder path').max(4096);

/** How a preset is written to the folder. */
export const teamSaveOptionsSchema = z.strictObject({
  /** Replace this file; absent means a new file named after the preset. */
  fileName: teamPresetFileNameSchema.optional(),
  /** The hash of the file as the caller last saw it: the save is refused when the file changed since. */
  baseHash: z.string().max(64).optional(),
  /** Write a base URL (the preset's own, else the active profile's): only when the user ticked it. */
  includeBaseUrl: z.boolean(),
});

/** Options of saveTeamPreset. */
export type TeamSaveOptions = z.infer<typeof teamSaveOptionsSchema>;

/** Moves a preset between "Mine" (the app's own list) and "Team" (the folder). */
export const teamMoveSchema = z.discriminatedUnion('to', [
  z.strictObject({ to: z.literal('team'), presetId: z.string().min(1).max(64), includeBaseUrl: z.boolean() }),
  z.strictObject({ to: z.literal('mine'), fileName: teamPresetFileNameSchema, baseHash: z.string().max(64) }),
]);

/** A move request. */
export type TeamMove = z.infer<typeof teamMoveSchema>;

/** Where a moved preset went: its new place in the other list. */
export type TeamMoveResult = { to: 'team'; entry: TeamPresetEntry } | { to: 'mine'; preset: Preset };
