import type { InvokeHandlers, StoredGrid } from '../../../shared/api';
import { planGridCells } from '../../../shared/grid/grid-plan';
import { rebuildGridResults } from '../../../shared/grid/grid-rebuild';
import type { HistoryEntry } from '../../../shared/api';
import { fail, ok } from '../../../shared/result';
import type { HistoryStore } from '../ports';
import type { createCasesRepo } from './cases-repo';
import { guarded } from './guarded';
import type { RunContext } from './run-manager';

type CaseHandlers = Pick<
  InvokeHandlers<RunContext>,
  'listCaseSets' | 'saveCaseSet' | 'deleteCaseSet' | 'saveGrid' | 'getGrid' | 'clearGrid'
>;

/** Most runs of one grid read back from history for a resume (cells × the runs a cell may have had). */
const MAX_GRID_RUNS = 1_000_000;

/**
 * Case sets and the grid kept for Resume. `getGrid` rebuilds the grid's finished cells from history, where every
 * cell's run is recorded as it starts and ends (docs/architecture.md#data-is-sacred: nothing else has to be written
 * per cell, so a crash between two writes cannot lose a cell).
 */
export const createGridHandlers = (deps: {
  repo: ReturnType<typeof createCasesRepo>;
  history: HistoryStore;
}): CaseHandlers => {
  const { repo, history } = deps;
  return {
    listCaseSets: () => Promise.resolve(ok(repo.list())),
    saveCaseSet: (set) =>
      guarded('save the case set', () =>
        repo.save(set) ? ok(set) : fail('conflict', 'The case set list is full; delete some sets first.'),
      ),
    deleteCaseSet: (id) =>
      guarded('delete the case set', () => {
        const deleted = repo.delete(id);
        return deleted ? ok(deleted) : fail('not_found', `There is no case set with id ${id}.`);
      }),
    saveGrid: (plan) =>
      guarded('save the grid', () => {
        repo.saveGrid(plan);
        return ok(null);
      }),
    getGrid: () =>
      guarded('read the grid', () => {
        const plan = repo.grid();
        if (!plan) return ok(null);
        const page = history.list({ gridId: plan.id, offset: 0, limit: MAX_GRID_RUNS });
        const entries: HistoryEntry[] = [];
        for (const item of page.items) {
          const entry = history.get(item.id);
          if (entry) entries.push(entry);
        }
        const grid: StoredGrid = { plan, results: rebuildGridResults(plan.id, planGridCells(plan), entries) };
        return ok(grid);
      }),
    clearGrid: (gridId) =>
      guarded('forget the grid', () => {
        repo.clearGrid(gridId);
        return ok(null);
      }),
  };
};
