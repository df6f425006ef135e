import { describe, expect, it } from 'vitest';
import type { CaseRow } from '../../shared/cases/case-set';
import { parseDelimited, restoreFormula } from '../../shared/cases/csv';
import { cellKey } from '../../shared/grid/cells';
import { compileCheck, type CompiledCheck } from '../../shared/grid/checks';
import {
  buildResultLines,
  markdownCell,
  parseResultsJsonl,
  resultsToCsv,
  resultsToJsonl,
  resultsToMarkdown,
  type GridExportInput,
} from '../../shared/grid/exports';
import type { CellResult, GridColumn } from '../../shared/grid/grid-types';
import { gridFromResultLines, setupOfLine } from '../../shared/grid/result-line';
import type { Result } from '../../shared/result';

const valueOf = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const errorOf = (r: Result<unknown>): string => (r.ok ? '' : r.error.message);

const cases: CaseRow[] = [
  { id: 'case-1', values: { text: '=cmd|"/c calc"!A1', lang: 'fr' }, expected: 'Bonjour' },
  { id: 'case-2', values: { text: 'a | b\nnext <b>bold</b>', lang: '-de' } },
];
const columns: GridColumn[] = [
  {
    id: 'base.preset.json#1',
    label: 'Base',
    params: { model: 'm1', prompt: 'Translate {{text}} to {{lang}}', stream: true, seed: 7, temperature: 0 },
    profileId: 'profile-123',
    profileName: 'Local',
  },
  {
    id: 'hot',
    label: 'Hot | wild',
    params: { model: 'm2', prompt: '{{text}}', stream: false, n: 2 },
    extraBody: { top_k: 40 },
  },
];
const result = (
  caseId: string,
  columnId: string,
  repeat: number,
  over: Partial<CellResult> = {},
): CellResult => ({
  key: cellKey(caseId, columnId, repeat),
  caseId,
  columnId,
  repeat,
  status: 'succeeded',
  request: { model: columnId === 'hot' ? 'm2' : 'm1', prompt: `filled ${caseId}`, seed: 7 },
  model: 'served-model',
  outputs: [`out ${caseId} ${columnId} ${repeat % 2}`],
  finishReasons: ['stop'],
  usage: { prompt_tokens: 3, completion_tokens: 5, total_tokens: 8 },
  metrics: { durationMs: 120.5, ttftMs: 20, tokensPerSecond: 50, attempts: 1 },
  startedAt: Date.UTC(2025, 0, 2, 3, 4, 5, 678),
  endedAt: Date.UTC(2025, 0, 2, 3, 4, 5, 798),
  ...over,
});
const checks: CompiledCheck[] = [
  valueOf(compileCheck({ kind: 'contains', text: 'out' })),
  valueOf(compileCheck({ kind: 'equals-expected' })),
];
const input: GridExportInput = {
  cases,
  columns,
  checks,
  results: [
    result('case-2', 'hot', 0, { outputs: ['one', 'two'], finishReasons: ['stop', 'length'] }),
    result('case-1', 'base.preset.json#1', 0, { systemFingerprint: 'fp_123', cost: 0.25 }),
    result('case-1', 'base.preset.json#1', 1),
    result('case-1', 'base.preset.json#1', 2),
    result('case-1', 'hot', 0, {
      status: 'failed',
      error: { kind: 'server_error', message: 'overloaded', status: 503 },
      outputs: [],
      finishReasons: [],
    }),
    result('case-9', 'hot', 0),
  ],
};

describe('results lines', () => {
  const lines = buildResultLines(input);

  it('has one line per finished cell of the grid, in case, column, repeat order', () => {
    expect(lines.map((l) => l.key)).toEqual([
      'case-1|base.preset.json%231|0',
      'case-1|base.preset.json%231|1',
      'case-1|base.preset.json%231|2',
      'case-1|hot|0',
      'case-2|hot|0',
    ]);
  });

  it('holds the case, the setup, the exact request, model, seed, fingerprint, timing, usage, output and checks', () => {
    expect(lines[0]).toEqual({
      format: 'r9s-playground/result',
      version: 1,
      key: 'case-1|base.preset.json%231|0',
      case: cases[0],
      column: { id: 'base.preset.json#1', label: 'Base', profile: 'Local', params: columns[0]!.params },
      repeat: 0,
      status: 'succeeded',
      model: 'served-model',
      seed: 7,
      system_fingerprint: 'fp_123',
      request: { model: 'm1', prompt: 'filled case-1', seed: 7 },
      output: 'out case-1 base.preset.json#1 0',
      finish_reason: 'stop',
      usage: { prompt_tokens: 3, completion_tokens: 5, total_tokens: 8 },
      timing: {
        started_at: '2025-01-02T03:04:05.678Z',
        ended_at: '2025-01-02T03:04:05.798Z',
        duration_ms: 120.5,
        ttft_ms: 20,
        tokens_per_second: 50,
        attempts: 1,
      },
      cost: 0.25,
      checks: [
        { check: 'contains "out"', pass: true },
        { check: 'equals expected', pass: false },
      ],
    });
    expect(lines[4]).toMatchObject({
      output: 'one',
      outputs: ['one', 'two'],
      finish_reasons: ['stop', 'length'],
    });
    expect(lines[4]?.column.extra_body).toEqual({ top_k: 40 });
    expect(lines[3]).toMatchObject({
      status: 'failed',
      error: { message: 'overloaded', status: 503 },
      output: '',
    });
    expect(JSON.stringify(lines)).not.toMatch(/profile-123|profileId|Authorization|apiKey|price/i);
  });

  it('round-trips through JSONL into grid results and the setup to restore', () => {
    const text = resultsToJsonl(lines);
    expect(text.split('\n')).toHaveLength(lines.length + 1);
    const back = valueOf(parseResultsJsonl(text));
    expect(back).toEqual(lines);
    const grid = gridFromResultLines(back);
    expect(grid.cases).toEqual(cases);
    expect(grid.columns.map((c) => c.id)).toEqual(['base.preset.json#1', 'hot']);
    expect(grid.columns[0]).toMatchObject({ profileName: 'Local', params: columns[0]!.params });
    const original = [...input.results].find((r) => r.key === lines[0]!.key)!;
    expect(grid.results[0]).toEqual(original);
    expect(grid.results.find((r) => r.key === 'case-1|hot|0')).toMatchObject({
      status: 'failed',
      outputs: [],
    });
    expect(setupOfLine(back[0]!)).toEqual({ params: { ...columns[0]!.params, prompt: 'filled case-1' } });
    // Concatenated shard files read as one grid.
    expect(
      valueOf(parseResultsJsonl(resultsToJsonl(lines.slice(0, 2)) + resultsToJsonl(lines.slice(2)))),
    ).toEqual(lines);
  });

  it('names the line and field of a bad results line, and refuses newer versions and reserved keys', () => {
    const good = JSON.stringify(lines[0]);
    expect(errorOf(parseResultsJsonl(`${good}\n\n{oops\n`))).toMatch(/^line 3: not valid JSON/);
    expect(errorOf(parseResultsJsonl(JSON.stringify({ ...lines[0], repeat: 4 })))).toMatch(
      /^line 1: key: does not match/,
    );
    expect(errorOf(parseResultsJsonl(JSON.stringify({ ...lines[0], version: 2 })))).toMatch(
      /^line 1: version: written by a newer/,
    );
    expect(errorOf(parseResultsJsonl(JSON.stringify({ ...lines[0], apiKey: 'sk' })))).toMatch(
      /^line 1: .*apiKey/,
    );
    expect(errorOf(parseResultsJsonl(JSON.stringify({ ...lines[0], format: 'x' })))).toMatch(
      /^line 1: format:/,
    );
    expect(
      errorOf(parseResultsJsonl(good.replace('"request":{', '"request":{"__proto__":{"polluted":1},'))),
    ).toMatch(/^line 1: .*__proto__/);
    expect(errorOf(parseResultsJsonl(JSON.stringify({ ...lines[0], timing: { started_at: 'x' } })))).toMatch(
      /^line 1: timing/,
    );
  });
});

describe('CSV and Markdown', () => {
  const lines = buildResultLines(input);

  it('writes a formula-safe CSV that parses back to the same values', () => {
    const csv = resultsToCsv(lines);
    const records = valueOf(parseDelimited(csv, ',')).map((r) => r.fields.map(restoreFormula));
    const [header, ...rows] = records;
    expect(header).toContain('var:text');
    expect(header).toContain('request_json');
    expect(rows).toHaveLength(lines.length);
    const get = (row: string[], name: string) => row[header!.indexOf(name)];
    expect(get(rows[0]!, 'var:text')).toBe('=cmd|"/c calc"!A1');
    expect(get(rows[0]!, 'checks_passed')).toBe('1/2');
    expect(JSON.parse(get(rows[0]!, 'request_json')!)).toEqual(lines[0]!.request);
    expect(get(rows[4]!, 'var:lang')).toBe('-de');
    for (const record of valueOf(parseDelimited(csv, ','))) {
      for (const field of record.fields) expect(field).not.toMatch(/^[=+\-@\t\r]/);
    }
  });

  it('writes a Markdown table with cases as rows and setups as columns, escaped', () => {
    const md = resultsToMarkdown(lines);
    const rows = md.split('\n').filter((l) => l.startsWith('|'));
    expect(rows[0]).toBe('| case | text | lang | expected | Base | Hot \\| wild |');
    expect(rows).toHaveLength(2 + cases.length);
    expect(rows[2]).toContain('*3 runs, 2 distinct*');
    expect(rows[2]).toContain('⚠ overloaded');
    expect(rows[3]).toContain('a \\| b<br>next &lt;b&gt;bold&lt;/b&gt;');
    // Every row has the same number of unescaped separators.
    const separators = (l: string) => l.replace(/\\\|/g, '').split('|').length;
    expect(new Set(rows.map(separators)).size).toBe(1);
    expect(md).toContain('- **Base**: model m1, profile Local');
    expect(markdownCell('x'.repeat(600))).toHaveLength(501);
  });
});
