/**
 * Cells of a grid: their stable keys, the full list in a fixed order, the deterministic shards a CI matrix splits
 * them into, and the request parameters of one cell (the column's prompt template filled with the case's values).
 */
import type { CaseRow } from '../cases/case-set';
import type { CompletionParams } from '../params';
import { fail, ok, type Result } from '../result';
import { fillTemplate } from '../template';
import type { GridCell, GridColumn } from './grid-types';

/** Most repeats of one cell. */
export const MAX_REPEATS = 100;

/** The key of a cell: the same case, column and repeat always give the same key, whatever else changed. */
export const cellKey = (caseId: string, columnId: string, repeat: number): string =>
  `${encodeURIComponent(caseId)}|${encodeURIComponent(columnId)}|${repeat}`;

/** The cell a key names. */
export const cellOf = (caseId: string, columnId: string, repeat: number): GridCell => ({
  key: cellKey(caseId, columnId, repeat),
  caseId,
  columnId,
  repeat,
});

/** Every cell of cases × columns × repeats, case by case, then column, then repeat. */
export const planCells = (
  cases: readonly Pick<CaseRow, 'id'>[],
  columns: readonly Pick<GridColumn, 'id'>[],
  repeats = 1,
): GridCell[] => {
  const cells: GridCell[] = [];
  for (const row of cases) {
    for (const column of columns) {
      for (let r = 0; r < repeats; r++) cells.push(cellOf(row.id, column.id, r));
    }
  }
  return cells;
};

/** Reads `i/n` (1-based, as CI matrices count): shard i of n. */
export const parseShard = (text: string): Result<{ index: number; total: number }> => {
  const m = /^\s*(\d{1,6})\s*\/\s*(\d{1,6})\s*$/.exec(text);
  const index = Number(m?.[1]);
  const total = Number(m?.[2]);
  if (!m || total < 1 || index < 1 || index > total) {
    return fail('invalid_input', `"${text.slice(0, 40)}": expected i/n with 1 ≤ i ≤ n, such as 1/4`);
  }
  return ok({ index, total });
};

/**
 * Shard `index` of `total` (1-based): every total-th cell of the fixed order, starting at the index-th. Machines
 * that plan the same grid agree on the order, so the shards cover every cell exactly once and differ in size by one.
 */
export const shardCells = <C extends GridCell>(cells: readonly C[], index: number, total: number): C[] =>
  cells.filter((_, i) => i % total === index - 1);

/** The parameters of one cell's request: the column's setup with its prompt template filled from the case. */
export const cellParams = (column: GridColumn, row: CaseRow): Result<CompletionParams> => {
  const filled = fillTemplate(column.params.prompt, row.values);
  if (!filled.ok) {
    return fail('invalid_input', `case ${row.id}: ${filled.message}`, { param: filled.missing[0] });
  }
  return ok({ ...column.params, prompt: filled.text });
};
