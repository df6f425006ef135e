/**
 * `--resume`: continue a run from its JSONL results file. A line is kept when it succeeded and still describes this
 * grid (same case values, same setup); every other cell runs again, so a run stopped by Ctrl+C, a crash or a CI
 * timeout finishes without repeating finished work, and an edited preset never passes off old outputs as its own.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { CaseRow } from '../../shared/cases/case-set';
import { parseResultsJsonl } from '../../shared/grid/exports';
import type { CellResult, GridColumn } from '../../shared/grid/grid-types';
import { gridFromResultLines, type ResultLine } from '../../shared/grid/result-line';
import { valuesEqual } from '../../shared/param-diff';
import { CliInputError } from './load-inputs';

/** What a results file contributes to a resumed run. */
export interface Resumed {
  /** Results to restore (their cells do not run again). */
  restore: CellResult[];
  /** The lines behind them, written back first. */
  lines: ResultLine[];
  /** Lines that run again: failed, or no longer matching the inputs, or not cells of this grid. */
  rerun: number;
}

/** Reads the results file (absent: nothing to resume) and keeps the lines that still hold for this grid. */
export const loadResumed = (
  path: string,
  columns: readonly GridColumn[],
  cases: readonly CaseRow[],
  keys: ReadonlySet<string>,
): Resumed => {
  if (!existsSync(path)) return { restore: [], lines: [], rerun: 0 };
  const parsed = parseResultsJsonl(readFileSync(path, 'utf8'));
  if (!parsed.ok) throw new CliInputError(parsed.error.message, path, parsed.error.param);
  const columnById = new Map(columns.map((c) => [c.id, c]));
  const caseById = new Map(cases.map((c) => [c.id, c]));
  const stillHolds = (line: ResultLine): boolean => {
    const column = columnById.get(line.column.id);
    const row = caseById.get(line.case.id);
    return (
      line.status === 'succeeded' &&
      keys.has(line.key) &&
      column !== undefined &&
      row !== undefined &&
      valuesEqual(line.case, row) &&
      valuesEqual(line.column.params, column.params) &&
      valuesEqual(line.column.extra_body ?? {}, column.extraBody ?? {})
    );
  };
  const kept = parsed.value.filter(stillHolds);
  return {
    restore: gridFromResultLines(kept).results,
    lines: kept,
    rerun: parsed.value.length - kept.length,
  };
};
