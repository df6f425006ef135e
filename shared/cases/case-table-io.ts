/**
 * Case tables as CSV or TSV: the first record names the columns (one per variable, plus optional "expected" and
 * "notes", any letter case), every other record is a case. Imports undo the formula neutralising of our exports,
 * so a file exported here imports back unchanged.
 */
import { fail, ok, type Result } from '../result';
import { isVariableName } from '../template';
import {
  caseValue,
  MAX_CASE_ROWS,
  MAX_CASE_VARIABLES,
  positionalCaseId,
  type CaseRow,
  type CaseTable,
} from './case-set';
import { parseDelimited, restoreFormula, writeDelimited, type Delimiter } from './csv';

/** What a header cell names. */
type Column = { kind: 'variable'; name: string } | { kind: 'expected' } | { kind: 'notes' };

const columnOf = (raw: string, index: number): Result<Column> => {
  const name = restoreFormula(raw).trim();
  const lower = name.toLowerCase();
  if (lower === 'expected') return ok({ kind: 'expected' });
  if (lower === 'notes') return ok({ kind: 'notes' });
  const where = `line 1, column ${index + 1}`;
  if (name === '') return fail('invalid_input', `${where}: the column has no name`);
  if (!isVariableName(name)) {
    return fail(
      'invalid_input',
      `${where}: "${name.slice(0, 80)}" is not a variable name (letters, digits, _, - and .; not a reserved word)`,
      { param: name.slice(0, 80) },
    );
  }
  return ok({ kind: 'variable', name });
};

/** Reads the header record into columns; names must be unique (variables case-sensitively). */
const readHeader = (fields: readonly string[]): Result<Column[]> => {
  const columns: Column[] = [];
  const seen = new Set<string>();
  for (const [i, raw] of fields.entries()) {
    const column = columnOf(raw, i);
    if (!column.ok) return column;
    const key = column.value.kind === 'variable' ? `v:${column.value.name}` : column.value.kind;
    if (seen.has(key)) {
      const label = column.value.kind === 'variable' ? column.value.name : column.value.kind;
      return fail('invalid_input', `line 1, column ${i + 1}: "${label}" appears twice`);
    }
    seen.add(key);
    columns.push(column.value);
  }
  if (columns.filter((c) => c.kind === 'variable').length > MAX_CASE_VARIABLES) {
    return fail('invalid_input', `line 1: more than ${MAX_CASE_VARIABLES} variable columns`);
  }
  return ok(columns);
};

/** Parses CSV (`,`) or TSV (tab) text into a case table; the first failure names its line and nothing is kept. */
export const importDelimitedCases = (text: string, delimiter: Delimiter): Result<CaseTable> => {
  const parsed = parseDelimited(text, delimiter);
  if (!parsed.ok) return parsed;
  const [head, ...body] = parsed.value;
  if (!head) return fail('invalid_input', 'the file is empty (expected a header line naming the columns)');
  const header = readHeader(head.fields);
  if (!header.ok) return header;
  const columns = header.value;
  if (body.length > MAX_CASE_ROWS) {
    return fail(
      'invalid_input',
      `the file holds ${body.length} cases; at most ${MAX_CASE_ROWS} fit in one set`,
    );
  }
  const rows: CaseRow[] = [];
  for (const [index, record] of body.entries()) {
    if (record.fields.length !== columns.length) {
      return fail(
        'invalid_input',
        `line ${record.line}: ${record.fields.length} field${record.fields.length === 1 ? '' : 's'}, but the ` +
          `header has ${columns.length} (a missing or extra separator, or an unquoted line break?)`,
      );
    }
    const values: Record<string, string> = {};
    let expected: string | undefined;
    let notes: string | undefined;
    columns.forEach((column, i) => {
      const value = restoreFormula(record.fields[i] ?? '');
      if (column.kind === 'variable') values[column.name] = value;
      else if (value !== '') {
        if (column.kind === 'expected') expected = value;
        else notes = value;
      }
    });
    rows.push({
      id: positionalCaseId(index),
      values,
      ...(expected !== undefined ? { expected } : {}),
      ...(notes !== undefined ? { notes } : {}),
    });
  }
  const variables = columns.flatMap((c) => (c.kind === 'variable' ? [c.name] : []));
  return ok({ variables, rows });
};

/**
 * A case table as CSV or TSV: variables, then "expected" and "notes" when any row has one (an empty cell there
 * means "none"). Every text cell is formula-neutralised; line ends are CRLF.
 */
export const exportDelimitedCases = (table: CaseTable, delimiter: Delimiter): string => {
  const hasExpected = table.rows.some((r) => r.expected !== undefined);
  const hasNotes = table.rows.some((r) => r.notes !== undefined);
  const header = [...table.variables, ...(hasExpected ? ['expected'] : []), ...(hasNotes ? ['notes'] : [])];
  const records = table.rows.map((row) => [
    ...table.variables.map((v) => caseValue(row, v)),
    ...(hasExpected ? [row.expected ?? ''] : []),
    ...(hasNotes ? [row.notes ?? ''] : []),
  ]);
  return writeDelimited([header, ...records], delimiter);
};
