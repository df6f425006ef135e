/**
 * Case tables as JSON Lines: one object per case, its keys the variables plus optional "expected" and "notes".
 * Each line goes through the untrusted-JSON reader (size, depth, no `__proto__` / `constructor` / `prototype`).
 */
import { parseUntrustedJson } from '../preset-format';
import { fail, ok, type Result } from '../result';
import { isVariableName } from '../template';
import {
  caseValue,
  cellTooLargeMessage,
  isCellWithinLimit,
  MAX_CASE_ROWS,
  MAX_CASE_VARIABLES,
  MAX_CASES_FILE_CHARS,
  positionalCaseId,
  type CaseRow,
  type CaseTable,
} from './case-set';
import { stripBom } from './csv';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A JSON value as cell text: strings as they are, numbers and booleans spelled out, null as empty. */
const cellText = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return '';
  return undefined;
};

/** Parses JSONL text into a case table; variables are every key seen, in order of first appearance. */
export const importJsonlCases = (input: string): Result<CaseTable> => {
  if (input.length > MAX_CASES_FILE_CHARS) {
    return fail('invalid_input', `the file is too large (at most ${MAX_CASES_FILE_CHARS} characters)`);
  }
  const lines = stripBom(input).split(/\r\n|\n|\r/);
  const variables = new Set<string>();
  const rows: CaseRow[] = [];
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const at = `line ${i + 1}`;
    if (rows.length >= MAX_CASE_ROWS) return fail('invalid_input', `${at}: more than ${MAX_CASE_ROWS} cases`);
    const json = parseUntrustedJson(line, MAX_CASES_FILE_CHARS);
    if (!json.ok) return fail('invalid_input', `${at}: ${json.error.message}`, { param: at });
    if (!isRecord(json.value))
      return fail('invalid_input', `${at}: expected a JSON object like {"name": "value"}`);
    const values: Record<string, string> = {};
    let expected: string | undefined;
    let notes: string | undefined;
    for (const [key, raw] of Object.entries(json.value)) {
      const text = cellText(raw);
      const label = `"${key.slice(0, 80)}"`;
      if (text === undefined) {
        return fail('invalid_input', `${at}, ${label}: expected text, a number or true/false`, {
          param: key,
        });
      }
      if (!isCellWithinLimit(text))
        return fail('invalid_input', cellTooLargeMessage(`${at}, ${label}`, text));
      if (key === 'expected') expected = text === '' ? undefined : text;
      else if (key === 'notes') notes = text === '' ? undefined : text;
      else if (!isVariableName(key)) {
        return fail('invalid_input', `${at}: ${label} is not a variable name (letters, digits, _, - and .)`, {
          param: key,
        });
      } else {
        values[key] = text;
        variables.add(key);
      }
    }
    if (variables.size > MAX_CASE_VARIABLES) {
      return fail('invalid_input', `${at}: more than ${MAX_CASE_VARIABLES} variables`);
    }
    rows.push({
      id: positionalCaseId(rows.length),
      values,
      ...(expected !== undefined ? { expected } : {}),
      ...(notes !== undefined ? { notes } : {}),
    });
  }
  const names = [...variables];
  // Every row gets every variable, so a key a line left out reads as an empty value rather than as missing.
  for (const row of rows) for (const name of names) row.values[name] = caseValue(row, name);
  return ok({ variables: names, rows });
};

/** One JSON object per case and line: the variables in order, then "expected" and "notes" when set. */
export const exportJsonlCases = (table: CaseTable): string =>
  table.rows
    .map((row) => {
      const line: Record<string, string> = {};
      for (const v of table.variables) line[v] = caseValue(row, v);
      if (row.expected !== undefined) line['expected'] = row.expected;
      if (row.notes !== undefined) line['notes'] = row.notes;
      return `${JSON.stringify(line)}\n`;
    })
    .join('');
