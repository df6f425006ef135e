/**
 * One entry point for every way cases arrive: a pasted block (CSV, TSV or JSONL, detected), or a file whose name
 * says what it holds. Import is all or nothing: a failure names the line and the table is left as it was.
 */
import { fail, ok, type Result } from '../result';
import type { CaseTable } from './case-set';
import { exportJsonlCases, importJsonlCases } from './case-jsonl';
import { exportDelimitedCases, importDelimitedCases } from './case-table-io';
import { CASES_FILE_SUFFIX, parseCasesFile } from './cases-file';
import { stripBom } from './csv';

/** The text formats a case table travels in. */
export type CaseTextFormat = 'csv' | 'tsv' | 'jsonl';

/** Counts a character outside double quotes in the first record of the text (quoted line breaks included). */
const countOutsideQuotes = (text: string, char: string): number => {
  let count = 0;
  let isQuoted = false;
  for (let i = 0; i < text.length && i < 100_000; i++) {
    const c = text[i];
    if (c === '"') isQuoted = !isQuoted;
    else if (!isQuoted && (c === '\n' || c === '\r')) break;
    else if (!isQuoted && c === char) count++;
  }
  return count;
};

/**
 * Guesses what a paste holds: JSONL when the first non-blank line is a JSON object, TSV when its first record has
 * more tabs than commas (what a spreadsheet copies), CSV otherwise.
 */
export const detectCaseFormat = (input: string): CaseTextFormat => {
  const text = stripBom(input).replace(/^\s+/, '');
  if (text.startsWith('{')) {
    const end = text.search(/\r|\n/);
    try {
      const first: unknown = JSON.parse(end < 0 ? text : text.slice(0, end));
      if (typeof first === 'object' && first !== null && !Array.isArray(first)) return 'jsonl';
    } catch {
      // Not JSON: a CSV whose first header starts with a brace, unusual but possible.
    }
  }
  return countOutsideQuotes(text, '\t') > countOutsideQuotes(text, ',') ? 'tsv' : 'csv';
};

/** Parses a table in the given format (or the detected one). */
export const importCaseText = (
  text: string,
  format: CaseTextFormat = detectCaseFormat(text),
): Result<CaseTable> =>
  format === 'jsonl' ? importJsonlCases(text) : importDelimitedCases(text, format === 'tsv' ? '\t' : ',');

/** Writes a table in a text format. */
export const exportCaseText = (table: CaseTable, format: CaseTextFormat): string =>
  format === 'jsonl' ? exportJsonlCases(table) : exportDelimitedCases(table, format === 'tsv' ? '\t' : ',');

/** What a file's name says it holds; undefined for a name we do not read. */
export const caseFileKind = (fileName: string): CaseTextFormat | 'cases-file' | undefined => {
  const name = fileName.toLowerCase();
  if (name.endsWith(CASES_FILE_SUFFIX)) return 'cases-file';
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.tsv') || name.endsWith('.tab')) return 'tsv';
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson')) return 'jsonl';
  return undefined;
};

/** Imports a file by its name; a case-set file keeps its own name and ids, a table is named after the file. */
export const importCaseFile = (fileName: string, text: string): Result<{ name: string } & CaseTable> => {
  const kind = caseFileKind(fileName);
  if (kind === undefined) {
    return fail('invalid_input', `${fileName}: expected a .csv, .tsv, .jsonl or ${CASES_FILE_SUFFIX} file`);
  }
  if (kind === 'cases-file') {
    const set = parseCasesFile(text);
    return set.ok ? set : fail('invalid_input', `${fileName}: ${set.error.message}`, set.error);
  }
  const table = importCaseText(text, kind);
  if (!table.ok) return fail('invalid_input', `${fileName}: ${table.error.message}`, table.error);
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  return ok({ name: base.slice(0, 120) || 'Cases', ...table.value });
};
