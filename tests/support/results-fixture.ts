/**
 * Results lines for tests and benchmarks that need a finished grid without running one: `cases` × `columns`, each
 * cell's output chosen by the caller, written through the app's own builders (shared/grid/exports.ts), so the lines
 * are exactly what a grid run or the command line writes.
 */
import type { CaseRow } from '../../shared/cases/case-set';
import { cellKey } from '../../shared/grid/cells';
import type { CompiledCheck } from '../../shared/grid/checks';
import { buildResultLines, resultsToJsonl } from '../../shared/grid/exports';
import type { CellResult, GridColumn } from '../../shared/grid/grid-types';
import type { ResultLine } from '../../shared/grid/result-line';

/** What a fixture grid is made of. */
export interface FixtureOptions {
  cases: number;
  columns: number;
  /** Runs per cell (1 = no repeats). */
  repeats?: number;
  /** The output of a cell; `null` makes the cell a failed run. */
  output: (caseIndex: number, columnIndex: number, repeat: number) => string | null;
  checks?: readonly CompiledCheck[];
}

/** The fixture's cases, columns and results. */
export const fixtureGrid = (o: FixtureOptions) => {
  const cases: CaseRow[] = Array.from({ length: o.cases }, (_, i) => ({
    id: `case-${i + 1}`,
    values: { topic: `topic ${i + 1}` },
    ...(i % 2 === 0 ? { expected: `answer ${i + 1}` } : {}),
  }));
  const columns: GridColumn[] = Array.from({ length: o.columns }, (_, j) => ({
    id: `setup-${j + 1}`,
    label: `Setup ${j + 1}`,
    params: {
      model: `model-${j + 1}`,
      prompt: 'Write about {{topic}}.',
      stream: true,
      temperature: j / 10,
      seed: 42,
    },
    profileName: 'Local server',
  }));
  const results: CellResult[] = [];
  const started = Date.UTC(2026, 0, 1);
  cases.forEach((row, i) =>
    columns.forEach((column, j) => {
      for (let r = 0; r < (o.repeats ?? 1); r++) {
        const text = o.output(i, j, r);
        const prompt = `Write about ${row.values['topic'] ?? ''}.`;
        results.push({
          key: cellKey(row.id, column.id, r),
          caseId: row.id,
          columnId: column.id,
          repeat: r,
          status: text === null ? 'failed' : 'succeeded',
          ...(text === null
            ? { error: { kind: 'server_error' as const, message: 'HTTP 500: model crashed' } }
            : {}),
          request: { model: column.params.model, prompt, stream: true, temperature: j / 10, seed: 42 },
          model: column.params.model,
          outputs: text === null ? [] : [text],
          finishReasons: [text === null ? null : 'stop'],
          usage: { prompt_tokens: 5, completion_tokens: 20 + j, total_tokens: 25 + j },
          metrics: { durationMs: 100 + 10 * j, attempts: 1, ttftMs: 20 },
          startedAt: started,
          endedAt: started + 100 + 10 * j,
          cost: 0.0001 * (j + 1),
        });
      }
    }),
  );
  return { cases, columns, results };
};

/** The fixture as results lines, in grid order. */
export const fixtureLines = (o: FixtureOptions): ResultLine[] =>
  buildResultLines({ ...fixtureGrid(o), ...(o.checks ? { checks: o.checks } : {}) });

/** The fixture as a results JSONL file. */
export const fixtureJsonl = (o: FixtureOptions): string => resultsToJsonl(fixtureLines(o));
