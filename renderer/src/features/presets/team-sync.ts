import { isModifiedFrom } from '../../../../shared/param-diff';
import type { Draft, Preset } from '../../../../shared/schemas';
import type { TeamPresetEntry } from '../../../../shared/team-folder';

/** The version of a team preset the editor last agreed with: loaded, saved, or chosen in a conflict. */
export interface SeenVersion {
  id: string;
  hash: string;
  preset: Preset;
}

/**
 * What to do when the folder's listing moves under a loaded team preset:
 * - `wait`: the file is gone or does not read right now (half-written, mid-merge); nothing changes yet;
 * - `track`: take this version as the one seen, quietly (first sight, or the editor already equals it — our own save);
 * - `unchanged`: the file is as last seen;
 * - `follow`: the editor had no unsaved changes, so it takes the new version (undoable, and said so);
 * - `conflict`: both sides changed: the user chooses, nothing is overwritten meanwhile.
 */
export type TeamSyncAction = 'wait' | 'track' | 'unchanged' | 'follow' | 'conflict';

/** Decides what a change of the loaded team preset's file means for the editor. */
export const reconcileTeamPreset = (
  seen: SeenVersion | undefined,
  entry: TeamPresetEntry | undefined,
  draft: Draft,
): TeamSyncAction => {
  if (!entry?.preset) return 'wait';
  if (!seen || seen.id !== entry.preset.id) return 'track';
  if (seen.hash === entry.hash) return 'unchanged';
  if (!isModifiedFrom(entry.preset, draft)) return 'track';
  if (!isModifiedFrom(seen.preset, draft)) return 'follow';
  return 'conflict';
};

/** The seen version of an entry that reads. */
export const seenOf = (entry: TeamPresetEntry & { preset: Preset }): SeenVersion => ({
  id: entry.preset.id,
  hash: entry.hash,
  preset: entry.preset,
});
