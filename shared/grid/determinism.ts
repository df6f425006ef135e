/**
 * The determinism meter: how many distinct outputs the runs of one cell (its first run and every repeat) gave.
 * "1 distinct of 5" is what a user pinning temperature 0 and a seed hopes to see.
 */
import type { CellResult } from './grid-types';

/** Distinct outputs of one case × column. */
export interface DeterminismMeter {
  caseId: string;
  columnId: string;
  /** Successful runs counted (failed runs have no output to compare). */
  runs: number;
  distinct: number;
  /** Each distinct output (all choices) with how many runs gave it, most frequent first. */
  groups: { outputs: string[]; count: number; keys: string[] }[];
}

/** Counts the distinct outputs among the successful runs of a case × column; choices are compared together. */
export const determinismOf = (
  results: Iterable<CellResult>,
  caseId: string,
  columnId: string,
): DeterminismMeter => {
  const groups = new Map<string, { outputs: string[]; count: number; keys: string[] }>();
  let runs = 0;
  for (const r of results) {
    if (r.caseId !== caseId || r.columnId !== columnId || r.status !== 'succeeded') continue;
    runs++;
    const id = JSON.stringify(r.outputs);
    const group = groups.get(id);
    if (group) {
      group.count++;
      group.keys.push(r.key);
    } else groups.set(id, { outputs: r.outputs, count: 1, keys: [r.key] });
  }
  const sorted = [...groups.values()].sort((a, b) => b.count - a.count);
  return { caseId, columnId, runs, distinct: sorted.length, groups: sorted };
};
