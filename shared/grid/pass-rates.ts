/**
 * Check results per cell and pass rates per column. A cell passes when every check that applies to it passes; a
 * cell whose run failed has no output and counts as not passing, so a flaky setup cannot look better than it is.
 */
import { runCheck, type CheckResult, type CompiledCheck } from './checks';
import type { CellResult } from './grid-types';

/** Runs every check on a finished cell; a failed run fails every check, with the run's error as the reason. */
export const checkCell = (
  checks: readonly CompiledCheck[],
  result: Pick<CellResult, 'status' | 'outputs' | 'error'>,
  expected: string | undefined,
): CheckResult[] =>
  checks.map((c) =>
    result.status === 'succeeded'
      ? runCheck(c, result.outputs[0] ?? '', expected)
      : { check: c.label, pass: false, reason: `the run failed: ${result.error?.message ?? 'no output'}` },
  );

/** How a column did on the checks. */
export interface ColumnPassRate {
  columnId: string;
  /** Cells where at least one check applied. */
  evaluated: number;
  /** Of those, cells where every applicable check passed. */
  passed: number;
  /** passed / evaluated, or undefined when nothing was evaluated. */
  rate?: number;
  /** Per check, in the order given: how many cells it applied to and how many passed. */
  perCheck: { check: string; evaluated: number; passed: number }[];
}

/** Pass rates per column (in `columnIds` order) over every finished cell, repeats included. */
export const passRates = (
  checks: readonly CompiledCheck[],
  results: Iterable<CellResult>,
  columnIds: readonly string[],
  expectedOf: (caseId: string) => string | undefined,
): ColumnPassRate[] => {
  const rates = new Map<string, ColumnPassRate>(
    columnIds.map((id) => [
      id,
      {
        columnId: id,
        evaluated: 0,
        passed: 0,
        perCheck: checks.map((c) => ({ check: c.label, evaluated: 0, passed: 0 })),
      },
    ]),
  );
  if (checks.length === 0) return [...rates.values()];
  for (const result of results) {
    const rate = rates.get(result.columnId);
    if (!rate) continue;
    const outcomes = checkCell(checks, result, expectedOf(result.caseId));
    let applies = false;
    let allPass = true;
    outcomes.forEach((o, i) => {
      const per = rate.perCheck[i];
      if (o.pass === null || !per) return;
      applies = true;
      per.evaluated++;
      if (o.pass) per.passed++;
      else allPass = false;
    });
    if (!applies) continue;
    rate.evaluated++;
    if (allPass) rate.passed++;
  }
  for (const rate of rates.values()) if (rate.evaluated > 0) rate.rate = rate.passed / rate.evaluated;
  return [...rates.values()];
};
