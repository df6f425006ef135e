import { diffSetups, type ParamChange } from '../../../../shared/param-diff';
import { toPreset, type PresetFile, type SharedPreset } from '../../../../shared/preset-format';
import type { Preset } from '../../../../shared/schemas';
import { uniqueName } from '../presets/use-presets';

/** What to do with one incoming preset. */
export type ImportAction = 'add' | 'replace' | 'keep-both' | 'skip';

/** One incoming preset in the preview. */
export interface ImportItem {
  key: number;
  incoming: SharedPreset;
  /** The existing preset of the same name (case-insensitive), if any. */
  existing?: Preset;
  /** Parameter-level diff from the existing preset to the incoming one. */
  changes: ParamChange[];
  isDescriptionChanged: boolean;
  action: ImportAction;
}

/** The actions a row offers: a new name can be added or skipped; a clash can replace, keep both or skip. */
export const actionsFor = (item: ImportItem): ImportAction[] =>
  item.existing ? ['replace', 'keep-both', 'skip'] : ['add', 'skip'];

/** Human labels of the actions. */
export const ACTION_LABELS: Record<ImportAction, string> = {
  add: 'Import',
  replace: 'Replace',
  'keep-both': 'Keep both',
  skip: 'Skip',
};

/** Pairs each incoming preset with an existing one of the same name; an identical one defaults to skip. */
export const planImport = (file: PresetFile, existing: readonly Preset[]): ImportItem[] =>
  file.presets.map((incoming, key) => {
    const match = existing.find((p) => p.name.toLowerCase() === incoming.name.toLowerCase());
    if (!match) return { key, incoming, changes: [], isDescriptionChanged: false, action: 'add' };
    const changes = diffSetups(match, incoming, {
      includePrompt: match.includesPrompt || incoming.includesPrompt,
    });
    const isDescriptionChanged = match.description !== incoming.description;
    const isSame =
      changes.length === 0 && !isDescriptionChanged && match.includesPrompt === incoming.includesPrompt;
    return {
      key,
      incoming,
      existing: match,
      changes,
      isDescriptionChanged,
      action: isSame ? 'skip' : 'keep-both',
    };
  });

/**
 * The presets to save for a plan: replace keeps the existing id and creation time, keep-both and add get a fresh id
 * and a name not taken yet. The base URL is stored as information only — it never changes a profile.
 */
export const applyImport = (
  items: readonly ImportItem[],
  existing: readonly Preset[],
  opts: { now: number; newId: () => string },
): Preset[] => {
  const taken = existing.map((p) => p.name);
  const out: Preset[] = [];
  for (const item of items) {
    if (item.action === 'skip') continue;
    if (item.action === 'replace' && item.existing) {
      const replaced = toPreset(item.incoming, { id: item.existing.id, now: opts.now });
      out.push({ ...replaced, createdAt: item.existing.createdAt });
      continue;
    }
    const name = uniqueName(item.incoming.name, taken);
    taken.push(name);
    out.push(toPreset({ ...item.incoming, name }, { id: opts.newId(), now: opts.now }));
  }
  return out;
};
