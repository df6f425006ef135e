/**
 * The results grid's view of an ImportedGrid: each case × column's runs (first run and repeats, in repeat order),
 * the rows whose outputs differ across columns, and the short preview a cell shows before it is expanded.
 */
import type { ImportedGrid } from '../../../../shared/grid/result-line';
import type { CellResult } from '../../../../shared/grid/grid-types';

/** Lines a collapsed cell shows. */
export const PREVIEW_LINES = 3;
/** Characters a collapsed cell shows at most (a single very long line is cut too). */
export const PREVIEW_CHARS = 280;

/** Runs of one case × column, by `caseId` then `columnId`, sorted by repeat. */
export type RunsByCell = ReadonlyMap<string, ReadonlyMap<string, readonly CellResult[]>>;

/** Groups every result by case and column; results of unknown cases or columns are kept too (they never show). */
export const groupRuns = (data: ImportedGrid): RunsByCell => {
  const byCase = new Map<string, Map<string, CellResult[]>>();
  for (const r of data.results) {
    let byColumn = byCase.get(r.caseId);
    if (!byColumn) byCase.set(r.caseId, (byColumn = new Map<string, CellResult[]>()));
    const list = byColumn.get(r.columnId);
    if (list) list.push(r);
    else byColumn.set(r.columnId, [r]);
  }
  for (const byColumn of byCase.values())
    for (const list of byColumn.values()) list.sort((a, b) => a.repeat - b.repeat);
  return byCase;
};

/** The run a cell shows: its first run (the lowest repeat). */
export const shownRun = (runs: RunsByCell, caseId: string, columnId: string): CellResult | undefined =>
  runs.get(caseId)?.get(columnId)?.[0];

/** What a run's output is for comparing: every choice, or the error for a failed run. */
const outcomeOf = (r: CellResult): string =>
  r.status === 'succeeded' ? JSON.stringify(r.outputs) : `failed:${r.error?.kind ?? ''}`;

/** Whether the shown outputs of a case differ between the columns that have one (two or more distinct). */
export const rowDiffers = (runs: RunsByCell, caseId: string, columnIds: readonly string[]): boolean => {
  const seen = new Set<string>();
  for (const id of columnIds) {
    const r = shownRun(runs, caseId, id);
    if (r) seen.add(outcomeOf(r));
    if (seen.size > 1) return true;
  }
  return false;
};

/** The first lines of an output, and whether anything was left out. */
export const previewOf = (text: string): { text: string; isCut: boolean } => {
  let end = -1;
  for (let n = 0; n < PREVIEW_LINES; n++) {
    end = text.indexOf('\n', end + 1);
    if (end < 0) break;
  }
  const byLines = end < 0 ? text : text.slice(0, end);
  const cut = byLines.length > PREVIEW_CHARS ? byLines.slice(0, PREVIEW_CHARS) : byLines;
  return { text: cut, isCut: cut.length < text.length };
};

/** A cost as dollars with enough digits for a fraction of a cent. */
export const formatCost = (cost: number): string =>
  `$${cost >= 0.01 ? cost.toFixed(4) : cost.toPrecision(2)}`;
