import { presetSchema, type Preset } from '../../../shared/schemas';
import type { JsonStore } from '../ports';

/** Most presets kept (a guard against a runaway client, far above real use). */
export const MAX_PRESETS = 2000;

/**
 * Presets in the `presets` document, validated one by one when read (docs/architecture.md#validate-at-boundaries:
 * an invalid preset is dropped with a notice, the others survive), then kept in memory and written as a whole on
 * change. The new list is written before memory takes it: a failed write throws and the list stays as on disk
 * (docs/architecture.md#data-is-sacred).
 */
export const createPresetsRepo = (store: JsonStore, notices: string[]) => {
  const raw = store.get('presets');
  let presets: Preset[] = [];
  let dropped = 0;
  if (Array.isArray(raw)) {
    for (const item of raw) {
      const parsed = presetSchema.safeParse(item);
      if (parsed.success && !presets.some((p) => p.id === parsed.data.id)) presets.push(parsed.data);
      else dropped++;
    }
  } else if (raw !== undefined) dropped++;
  if (dropped > 0) {
    notices.push(
      `${dropped} invalid preset${dropped === 1 ? ' was' : 's were'} ignored in the presets file.`,
    );
  }

  const write = (next: Preset[]) => {
    store.set('presets', next);
    presets = next;
  };

  return {
    list: (): Preset[] => presets.map((p) => ({ ...p })),
    /** Adds or replaces by id; false when the list is full. */
    save(preset: Preset): boolean {
      const at = presets.findIndex((p) => p.id === preset.id);
      if (at === -1 && presets.length >= MAX_PRESETS) return false;
      write(at === -1 ? [...presets, preset] : presets.map((p, i) => (i === at ? preset : p)));
      return true;
    },
    delete(presetId: string): Preset | undefined {
      const found = presets.find((p) => p.id === presetId);
      if (!found) return undefined;
      write(presets.filter((p) => p !== found));
      return found;
    },
  };
};
