/**
 * Small finished grids for the results components' tests: each case's outputs per column are given as written, so a
 * test reads what it expects from its own table. Built like the grid builds them (cellKey, CellResult).
 */
import type { CaseRow } from '../../../shared/cases/case-set';
import { cellKey } from '../../../shared/grid/cells';
import type { CellResult, GridColumn } from '../../../shared/grid/grid-types';
import type { ImportedGrid } from '../../../shared/grid/result-line';

/** One column per entry of each row; a row's entry is the output of each run (repeats), `null` for a failed run. */
export const resultsData = (
  outputs: Record<string, (readonly (string | null)[] | string | null)[]>,
  expected: Record<string, string> = {},
): ImportedGrid => {
  const width = Math.max(...Object.values(outputs).map((r) => r.length));
  const columns: GridColumn[] = Array.from({ length: width }, (_, j) => ({
    id: `col-${j + 1}`,
    label: `Setup ${j + 1}`,
    params: { model: `model-${j + 1}`, prompt: 'Tell me about {{topic}}', stream: true, temperature: j / 2 },
    extraBody: { top_k: j + 1 },
    profileName: 'Local',
  }));
  const cases: CaseRow[] = Object.keys(outputs).map((id) => ({
    id,
    values: { topic: `${id} topic` },
    ...(expected[id] !== undefined ? { expected: expected[id] } : {}),
  }));
  const results: CellResult[] = [];
  for (const row of cases) {
    outputs[row.id]!.forEach((cell, j) => {
      const runs: readonly (string | null)[] = typeof cell === 'string' || cell === null ? [cell] : cell;
      runs.forEach((text, repeat) => {
        const column = columns[j]!;
        results.push({
          key: cellKey(row.id, column.id, repeat),
          caseId: row.id,
          columnId: column.id,
          repeat,
          status: text === null ? 'failed' : 'succeeded',
          ...(text === null ? { error: { kind: 'server_error' as const, message: 'HTTP 500' } } : {}),
          request: {
            model: column.params.model,
            prompt: `Tell me about ${row.id} topic`,
            temperature: j / 2,
            top_k: j + 1,
          },
          outputs: text === null ? [] : [text],
          finishReasons: [text === null ? null : 'stop'],
          usage: { prompt_tokens: 4, completion_tokens: 7, total_tokens: 11 },
          metrics: { durationMs: 250, attempts: 1 },
          startedAt: 1_700_000_000_000,
          endedAt: 1_700_000_000_250,
          cost: 0.002,
        });
      });
    });
  }
  return { cases, columns, results };
};
