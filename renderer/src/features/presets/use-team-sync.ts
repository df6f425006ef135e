import { useCallback, useEffect, useRef, useState } from 'react';
import type { Preset } from '../../../../shared/schemas';
import type { TeamPresetEntry } from '../../../../shared/team-folder';
import { visibleText } from '../../../../shared/visible-text';
import { useStores } from '../../state/stores-context';
import { teamEntryById, type TeamFolderStore } from './team-folder-store';
import { reconcileTeamPreset, seenOf, type SeenVersion } from './team-sync';
import { draftFromPreset, newPresetId, nowMs, presetFromDraft, uniqueName } from './use-presets';

/** A team entry that reads. */
export type ReadableTeamEntry = TeamPresetEntry & { preset: Preset };

/** The editor and the loaded team preset's file both changed: the user chooses what happens. */
export interface TeamSync {
  /** The file's new version, while the user has not chosen. */
  conflict?: ReadableTeamEntry;
  /** Said after the editor followed a change it had no edits against (undoable) or saved a copy. */
  notice?: { text: string; canUndo: boolean };
  keepMine: () => void;
  takeTheirs: () => void;
  /** Writes the editor's setup as a new file next to theirs; resolves an error message, or undefined. */
  saveMineAsCopy: () => Promise<string | undefined>;
  undoFollow: () => void;
  dismissNotice: () => void;
}

/**
 * Keeps the editor honest about a loaded team preset whose file changes on disk (a colleague's save, a git pull).
 * It remembers the version the editor last agreed with; when the file moves on, an editor without unsaved changes
 * follows it (undoable, and said so), and an editor with changes of its own gets the choice — keep mine, take theirs,
 * or save mine as a copy — with both sides shown; neither is ever overwritten silently. It runs in the stores'
 * subscriptions, so a change is handled once, whichever store moved.
 */
export function useTeamSync(team: TeamFolderStore, takenNames: () => string[]): TeamSync {
  const { draft: drafts } = useStores();
  const seen = useRef<SeenVersion | undefined>(undefined);
  const [conflict, setConflict] = useState<ReadableTeamEntry>();
  const [notice, setNotice] = useState<TeamSync['notice']>();

  useEffect(() => {
    const check = () => {
      const { draft, isLoaded } = drafts.store.get();
      if (!isLoaded) return;
      const entry = teamEntryById(team.store.get().view, draft.presetId);
      const action = reconcileTeamPreset(seen.current, entry, draft);
      if (!entry?.preset) return;
      const readable: ReadableTeamEntry = { ...entry, preset: entry.preset };
      if (action === 'track' || action === 'follow') seen.current = seenOf(readable);
      if (action === 'follow') {
        drafts.replaceDraft(draftFromPreset(readable.preset, draft.params.prompt));
        const name = visibleText(readable.preset.name);
        setNotice({
          text: `"${name}" changed in the team folder; the editor now has the new version.`,
          canUndo: true,
        });
      }
      setConflict(action === 'conflict' ? readable : undefined);
    };
    const unsubscribeTeam = team.store.subscribe(check);
    const unsubscribeDraft = drafts.store.subscribe(check);
    check();
    return () => {
      unsubscribeTeam();
      unsubscribeDraft();
    };
  }, [team, drafts]);

  const keepMine = useCallback(() => {
    if (conflict) seen.current = seenOf(conflict);
    setConflict(undefined);
  }, [conflict]);

  const takeTheirs = useCallback(() => {
    if (!conflict) return;
    seen.current = seenOf(conflict);
    setConflict(undefined);
    drafts.replaceDraft(draftFromPreset(conflict.preset, drafts.store.get().draft.params.prompt));
  }, [conflict, drafts]);

  const saveMineAsCopy = useCallback(async () => {
    if (!conflict) return undefined;
    const theirs = conflict.preset;
    const { draft } = drafts.store.get();
    const copy = presetFromDraft(draft, {
      id: newPresetId(),
      name: uniqueName(`${theirs.name} (my copy)`, takenNames()),
      description: theirs.description,
      includesPrompt: theirs.includesPrompt,
      now: nowMs(),
    });
    const hasBaseUrl = theirs.baseUrl !== undefined;
    const res = await team.save(hasBaseUrl ? { ...copy, baseUrl: theirs.baseUrl } : copy, {
      includeBaseUrl: hasBaseUrl,
    });
    if (!res.ok) return res.error.message;
    if (!res.value.preset) return `${res.value.fileName} was written but does not read back.`;
    seen.current = seenOf({ ...res.value, preset: res.value.preset });
    setConflict(undefined);
    drafts.replaceDraft({ ...drafts.store.get().draft, presetId: res.value.preset.id });
    setNotice({
      text: `Your version was saved to the team folder as ${res.value.fileName}.`,
      canUndo: false,
    });
    return undefined;
  }, [conflict, drafts, team, takenNames]);

  const undoFollow = useCallback(() => {
    drafts.undoReplace();
    setNotice(undefined);
  }, [drafts]);

  return {
    ...(conflict ? { conflict } : {}),
    ...(notice ? { notice } : {}),
    keepMine,
    takeTheirs,
    saveMineAsCopy,
    undoFollow,
    dismissNotice: useCallback(() => setNotice(undefined), []),
  };
}
