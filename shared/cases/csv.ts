/**
 * RFC 4180 CSV and its tab-separated twin: a parser that keeps the line number of every record (so an error can
 * name it) and a writer that neutralises spreadsheet formulas. Quoted fields may hold delimiters, quotes ("" inside
 * quotes) and line breaks; CRLF, LF and CR all end a record; a UTF-8 BOM is dropped.
 */
import { fail, ok, type Result } from '../result';
import { cellTooLargeMessage, isCellWithinLimit, MAX_CASES_FILE_CHARS } from './case-set';

/** The field separator: comma for CSV, tab for TSV. */
export type Delimiter = ',' | '\t';

/** One record and the line (1-based) it starts on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** Drops a leading UTF-8 byte order mark (U+FEFF), which spreadsheets write and JSON.parse refuses. */
export const stripBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

const isLineBreak = (c: string | undefined): boolean => c === '\n' || c === '\r';

/**
 * Parses delimited text into records. Blank lines are skipped; a field that opens a quote and never closes it, or
 * text after a closing quote, fails naming the line; so does a cell over the size limit. Nothing partial is returned.
 */
export const parseDelimited = (input: string, delimiter: Delimiter): Result<CsvRecord[]> => {
  if (input.length > MAX_CASES_FILE_CHARS) {
    return fail('invalid_input', `the file is too large (at most ${MAX_CASES_FILE_CHARS} characters)`);
  }
  const text = stripBom(input);
  const records: CsvRecord[] = [];
  let line = 1;
  let at = 0;
  const n = text.length;
  const fieldEnd = delimiter === ',' ? /[,\r\n]/g : /[\t\r\n]/g;
  while (at < n) {
    const recordLine = line;
    const fields: string[] = [];
    let isQuoted = false;
    for (;;) {
      let value: string;
      if (text[at] === '"') {
        isQuoted = true;
        const openedOn = line;
        let out = '';
        let from = at + 1;
        for (;;) {
          const quote = text.indexOf('"', from);
          if (quote < 0) {
            return fail('invalid_input', `line ${openedOn}: a quoted field is never closed (a missing ")`);
          }
          const chunk = text.slice(from, quote);
          line += countBreaks(chunk);
          out += chunk;
          if (text[quote + 1] === '"') {
            out += '"';
            from = quote + 2;
            continue;
          }
          at = quote + 1;
          break;
        }
        const next = text[at];
        if (at < n && next !== delimiter && !isLineBreak(next)) {
          return fail(
            'invalid_input',
            `line ${line}: unexpected text after a closing quote (quote the whole field)`,
          );
        }
        value = out;
      } else {
        fieldEnd.lastIndex = at;
        const end = fieldEnd.exec(text)?.index ?? n;
        value = text.slice(at, end);
        at = end;
      }
      if (!isCellWithinLimit(value)) {
        return fail(
          'invalid_input',
          cellTooLargeMessage(`line ${recordLine}, field ${fields.length + 1}`, value),
        );
      }
      fields.push(value);
      if (text[at] === delimiter) {
        at++;
        continue;
      }
      break;
    }
    // The record ends at a line break (CRLF counts once) or at the end of the text.
    if (text[at] === '\r' && text[at + 1] === '\n') at += 2;
    else if (isLineBreak(text[at])) at++;
    line++;
    // A line of nothing but white space is not a record (a one-column empty value is written as "").
    const isBlank = fields.length === 1 && !isQuoted && fields[0]?.trim() === '';
    if (!isBlank) records.push({ line: recordLine, fields });
  }
  return ok(records);
};

/** Line breaks in a chunk, CRLF counted once. */
const countBreaks = (chunk: string): number => {
  let count = 0;
  for (let i = 0; i < chunk.length; i++) {
    const c = chunk[i];
    if (c === '\n') count++;
    else if (c === '\r' && chunk[i + 1] !== '\n') count++;
  }
  return count;
};

/** What makes a spreadsheet run a cell as a formula, behind any apostrophes a previous neutralising added. */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/**
 * Prefixes an apostrophe to text a spreadsheet would run as a formula (leading = + - @ tab CR; OWASP "CSV
 * injection"). Text that already starts with apostrophes before such a character gets one more, so that
 * `restoreFormula` can undo exactly what this did.
 */
export const neutralizeFormula = (value: string): string => (FORMULA_START.test(value) ? `'${value}` : value);

/** Undoes neutralizeFormula: drops one apostrophe in front of a formula start, leaves anything else alone. */
export const restoreFormula = (value: string): string =>
  value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;

/** One field as written: neutralised (for text), then quoted if it holds the delimiter, a quote or a line break. */
export const writeField = (value: string, delimiter: Delimiter, isText = true): string => {
  const s = isText ? neutralizeFormula(value) : value;
  const needsQuotes = s.includes(delimiter) || s.includes('"') || s.includes('\n') || s.includes('\r');
  return needsQuotes ? `"${s.replaceAll('"', '""')}"` : s;
};

/** One record as text; a lone blank field is quoted, since a blank line is no record. */
const writeRecord = (fields: readonly string[], delimiter: Delimiter): string => {
  const only = fields.length === 1 ? fields[0] : undefined;
  if (only !== undefined && only.trim() === '') return `"${neutralizeFormula(only)}"`;
  return fields.map((f) => writeField(f, delimiter)).join(delimiter);
};

/** Records as text: CRLF after every record, as RFC 4180 asks. */
export const writeDelimited = (rows: readonly (readonly string[])[], delimiter: Delimiter): string =>
  rows.map((fields) => `${writeRecord(fields, delimiter)}\r\n`).join('');
