import { gridPlanSchema, type GridPlan } from '../../../shared/grid/grid-plan';
import {
  MAX_STORED_CASE_SETS,
  storedCaseSetSchema,
  type StoredCaseSet,
} from '../../../shared/cases/stored-case-set';
import type { JsonStore } from '../ports';

/**
 * The `cases` document: the user's named case sets (`caseSets`) and the grid kept for Resume (`grid`). Read like the
 * presets (docs/architecture.md#validate-at-boundaries): each set is validated alone, an invalid one is left out with
 * a notice and the rest survive; the file itself is never rewritten on read, so what could not be read stays on disk
 * (docs/architecture.md#data-is-sacred). Every change is written before memory takes it.
 */
export const createCasesRepo = (store: JsonStore, notices: string[]) => {
  const raw = store.get('caseSets');
  let sets: StoredCaseSet[] = [];
  let dropped = 0;
  if (Array.isArray(raw)) {
    for (const item of raw) {
      const parsed = storedCaseSetSchema.safeParse(item);
      if (parsed.success && !sets.some((s) => s.id === parsed.data.id)) sets.push(parsed.data);
      else dropped++;
    }
  } else if (raw !== undefined) dropped++;
  if (dropped > 0) {
    notices.push(
      `${dropped} invalid case set${dropped === 1 ? ' was' : 's were'} ignored in the cases file.`,
    );
  }
  const rawGrid = store.get('grid');
  const parsedGrid = rawGrid === undefined ? undefined : gridPlanSchema.safeParse(rawGrid);
  let grid: GridPlan | undefined = parsedGrid?.success ? parsedGrid.data : undefined;
  if (parsedGrid && !parsedGrid.success) {
    notices.push('The unfinished grid in the cases file could not be read, so it cannot be resumed.');
  }

  const writeSets = (next: StoredCaseSet[]) => {
    store.set('caseSets', next);
    sets = next;
  };

  return {
    list: (): StoredCaseSet[] => sets.map((s) => ({ ...s })),
    /** Adds or replaces by id; false when the list is full. */
    save(set: StoredCaseSet): boolean {
      const at = sets.findIndex((s) => s.id === set.id);
      if (at === -1 && sets.length >= MAX_STORED_CASE_SETS) return false;
      writeSets(at === -1 ? [...sets, set] : sets.map((s, i) => (i === at ? set : s)));
      return true;
    },
    delete(id: string): StoredCaseSet | undefined {
      const found = sets.find((s) => s.id === id);
      if (!found) return undefined;
      writeSets(sets.filter((s) => s !== found));
      return found;
    },
    grid: (): GridPlan | undefined => grid,
    /** Keeps one grid: the one started last (a new grid replaces an older one). */
    saveGrid(plan: GridPlan) {
      store.set('grid', plan);
      grid = plan;
    },
    clearGrid(gridId: string): void {
      if (grid?.id !== gridId) return;
      store.delete('grid');
      grid = undefined;
    },
  };
};
