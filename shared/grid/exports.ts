/**
 * A grid's results as files: JSONL (one line per cell, everything needed to reproduce it), CSV (formula-safe, for
 * spreadsheets) and a Markdown table (cases as rows, setups as columns), and the JSONL read back. All three are
 * written from results lines, so a results file imported from a colleague exports exactly like a grid run here.
 */
import { caseValue, type CaseRow } from '../cases/case-set';
import { writeDelimited } from '../cases/csv';
import { parseUntrustedJson } from '../preset-format';
import { describeIssues } from '../api-schemas';
import { fail, ok, type Result } from '../result';
import type { CompiledCheck } from './checks';
import type { CellResult, GridColumn } from './grid-types';
import { checkCell } from './pass-rates';
import {
  RESULT_LINE_FORMAT,
  RESULT_LINE_VERSION,
  resultLineSchema,
  toResultLine,
  type ResultLine,
} from './result-line';

/** What an export is made from: the grid's cases and columns, its finished cells and its checks. */
export interface GridExportInput {
  cases: readonly CaseRow[];
  columns: readonly GridColumn[];
  results: Iterable<CellResult>;
  checks?: readonly CompiledCheck[];
}

/** Results lines of the finished cells, in case, column, repeat order; cells of unknown cases or columns are skipped. */
export const buildResultLines = (input: GridExportInput): ResultLine[] => {
  const caseIndex = new Map(input.cases.map((c, i) => [c.id, i]));
  const columnIndex = new Map(input.columns.map((c, i) => [c.id, i]));
  const lines: { order: number[]; line: ResultLine }[] = [];
  for (const result of input.results) {
    const ci = caseIndex.get(result.caseId);
    const co = columnIndex.get(result.columnId);
    if (ci === undefined || co === undefined) continue;
    const row = input.cases[ci]!;
    const checks = input.checks ? checkCell(input.checks, result, row.expected) : undefined;
    lines.push({
      order: [ci, co, result.repeat],
      line: toResultLine(result, row, input.columns[co]!, checks),
    });
  }
  lines.sort((a, b) => a.order[0]! - b.order[0]! || a.order[1]! - b.order[1]! || a.order[2]! - b.order[2]!);
  return lines.map((l) => l.line);
};

/** One JSON object per line, `\n` after each. */
export const resultsToJsonl = (lines: readonly ResultLine[]): string =>
  lines.map((l) => `${JSON.stringify(l)}\n`).join('');

/** Reads a results file; the first bad line fails the whole import, naming the line and the field. */
export const parseResultsJsonl = (text: string): Result<ResultLine[]> => {
  const lines: ResultLine[] = [];
  const raw = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  for (const [i, lineText] of raw.entries()) {
    if (lineText.trim() === '') continue;
    const at = `line ${i + 1}`;
    const json = parseUntrustedJson(lineText, 200_000_000);
    if (!json.ok) return fail('invalid_input', `${at}: ${json.error.message}`);
    const value = json.value as Record<string, unknown> | null;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      if (value['format'] !== RESULT_LINE_FORMAT) {
        return fail('invalid_input', `${at}: format: expected "${RESULT_LINE_FORMAT}" (not a results line)`, {
          param: 'format',
        });
      }
      const version = value['version'];
      if (typeof version === 'number' && version > RESULT_LINE_VERSION) {
        return fail(
          'invalid_input',
          `${at}: version: written by a newer r9s Playground (version ${version}); this app reads version ` +
            `${RESULT_LINE_VERSION} — update the app to open it`,
          { param: 'version' },
        );
      }
    }
    const parsed = resultLineSchema.safeParse(json.value);
    if (!parsed.success) {
      const { message, param } = describeIssues(parsed.error);
      return fail('invalid_input', `${at}: ${message}`, param ? { param } : {});
    }
    lines.push(parsed.data);
  }
  return ok(lines);
};

/** Columns of the CSV before the variables, and after them. */
const CSV_HEAD = ['key', 'case_id', 'column_id', 'column', 'repeat', 'status', 'model', 'seed'];
const CSV_TAIL = [
  'expected',
  'output',
  'finish_reason',
  'prompt_tokens',
  'completion_tokens',
  'total_tokens',
  'duration_ms',
  'ttft_ms',
  'tokens_per_second',
  'cost',
  'checks_passed',
  'error',
  'system_fingerprint',
  'request_json',
];

const num = (v: number | undefined): string => (v === undefined ? '' : String(v));

/** Names of every variable in the lines, in order of first appearance. */
const variablesOfLines = (lines: readonly ResultLine[]): string[] => {
  const names = new Set<string>();
  for (const l of lines) for (const name of Object.keys(l.case.values)) names.add(name);
  return [...names];
};

/** A CSV with one row per cell; variables get a `var:` column each; every text cell is formula-neutralised. */
export const resultsToCsv = (lines: readonly ResultLine[]): string => {
  const variables = variablesOfLines(lines);
  const header = [...CSV_HEAD, ...variables.map((v) => `var:${v}`), ...CSV_TAIL];
  const rows = lines.map((l) => {
    const applied = (l.checks ?? []).filter((c) => c.pass !== null);
    return [
      l.key,
      l.case.id,
      l.column.id,
      l.column.label,
      String(l.repeat),
      l.status,
      l.model ?? '',
      num(l.seed),
      ...variables.map((v) => caseValue(l.case, v)),
      l.case.expected ?? '',
      l.output,
      l.finish_reason ?? '',
      num(l.usage?.prompt_tokens),
      num(l.usage?.completion_tokens),
      num(l.usage?.total_tokens),
      num(l.timing.duration_ms),
      num(l.timing.ttft_ms),
      num(l.timing.tokens_per_second),
      num(l.cost),
      applied.length > 0 ? `${applied.filter((c) => c.pass).length}/${applied.length}` : '',
      l.error?.message ?? '',
      l.system_fingerprint ?? '',
      l.request ? JSON.stringify(l.request) : '',
    ];
  });
  return writeDelimited([header, ...rows], ',');
};

/** Longest output shown in a Markdown cell; the JSONL keeps it whole. */
export const MARKDOWN_CELL_CHARS = 500;

/** Text safe inside a Markdown table cell: no HTML, no pipes breaking the row, line breaks as <br>. */
export const markdownCell = (text: string, max = MARKDOWN_CELL_CHARS): string => {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return cut
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('\\', '\\\\')
    .replaceAll('|', '\\|')
    .replaceAll('`', '\\`')
    .replace(/\r\n|\r|\n/g, '<br>');
};

/** What a Markdown cell shows for one case × column: the first run's output, and the spread when it repeated. */
const cellText = (runs: readonly ResultLine[]): string => {
  const first = runs[0];
  if (!first) return '';
  const shown = first.status === 'failed' ? `⚠ ${first.error?.message ?? 'failed'}` : first.output;
  const checks = (first.checks ?? []).filter((c) => c.pass !== null);
  const verdict = checks.length > 0 ? ` (${checks.every((c) => c.pass) ? '✓' : '✗'} checks)` : '';
  if (runs.length === 1) return `${markdownCell(shown)}${verdict}`;
  const distinct = new Set(
    runs.filter((r) => r.status === 'succeeded').map((r) => JSON.stringify(r.outputs ?? [r.output])),
  );
  return `${markdownCell(shown)}${verdict}<br>*${runs.length} runs, ${distinct.size} distinct*`;
};

/** A Markdown table: one row per case (its variables, expected), one column per setup, then each setup's model. */
export const resultsToMarkdown = (lines: readonly ResultLine[]): string => {
  const { cases, columns, runs } = resultsTable(lines);
  const variables = variablesOfLines(lines);
  const head = ['case', ...variables, 'expected', ...columns.map((c) => c.label)];
  const out = [
    `| ${head.map((h) => markdownCell(h)).join(' | ')} |`,
    `|${head.map(() => ' --- ').join('|')}|`,
  ];
  for (const row of cases) {
    const cells = [
      row.id,
      ...variables.map((v) => markdownCell(caseValue(row, v))),
      markdownCell(row.expected ?? ''),
      ...columns.map((c) => cellText(runs.get(`${row.id}\u0000${c.id}`) ?? [])),
    ];
    out.push(`| ${cells.join(' | ')} |`);
  }
  for (const c of columns) {
    const profile = c.profile ? `, profile ${markdownCell(c.profile)}` : '';
    out.push(
      `${c === columns[0] ? '\n' : ''}- **${markdownCell(c.label)}**: model ${markdownCell(c.params.model)}${profile}`,
    );
  }
  return `${out.join('\n')}\n`;
};

/** Lines grouped by case and column (repeats in order), cases and columns in order of first appearance. */
export const resultsTable = (lines: readonly ResultLine[]) => {
  const cases = new Map<string, CaseRow>();
  const columns = new Map<string, ResultLine['column']>();
  const runs = new Map<string, ResultLine[]>();
  for (const l of lines) {
    if (!cases.has(l.case.id)) cases.set(l.case.id, l.case);
    if (!columns.has(l.column.id)) columns.set(l.column.id, l.column);
    const id = `${l.case.id}\u0000${l.column.id}`;
    const list = runs.get(id) ?? [];
    list.push(l);
    runs.set(id, list);
  }
  for (const list of runs.values()) list.sort((a, b) => a.repeat - b.repeat);
  return { cases: [...cases.values()], columns: [...columns.values()], runs };
};
