/**
 * Reading a results file (JSONL, as the grid's export and the command line's `--out` write it) into a grid, and a
 * cell of it back into an editor draft. Bounded: a file over MAX_RESULTS_FILE_BYTES is refused before it is read.
 */
import { parseResultsJsonl } from '../../../../shared/grid/exports';
import type { CellResult } from '../../../../shared/grid/grid-types';
import {
  gridFromResultLines,
  setupOfLine,
  toResultLine,
  type ImportedGrid,
} from '../../../../shared/grid/result-line';
import { fail, ok, type Result } from '../../../../shared/result';
import type { Draft } from '../../../../shared/schemas';

/** Largest results file opened (50 MB: about 2,000 cells with long outputs, their requests and responses). */
export const MAX_RESULTS_FILE_BYTES = 50 * 1024 * 1024;

/** A results file's text as a grid; the error names the first bad line and field. */
export const readResultsText = (text: string): Result<ImportedGrid> => {
  if (text.length > MAX_RESULTS_FILE_BYTES) return fail('invalid_input', tooLarge(text.length));
  if (text.trim() === '') return fail('invalid_input', 'The results file is empty.');
  const lines = parseResultsJsonl(text);
  if (!lines.ok) return fail('invalid_input', `Not a results file: ${lines.error.message}`);
  return ok(gridFromResultLines(lines.value));
};

/** The message for a file over the size limit. */
export const tooLarge = (bytes: number): string =>
  `The file is too large (${(bytes / 1024 / 1024).toFixed(1)} MB; at most ${MAX_RESULTS_FILE_BYTES / 1024 / 1024} MB).`;

/** The editor draft that reruns a cell exactly: its column's setup with the prompt as it was sent. */
export const draftOfCell = (data: ImportedGrid, result: CellResult): Draft | undefined => {
  const row = data.cases.find((c) => c.id === result.caseId);
  const column = data.columns.find((c) => c.id === result.columnId);
  if (!row || !column) return undefined;
  const setup = setupOfLine(toResultLine(result, row, column));
  return { params: setup.params, ...(setup.extraBody ? { extraBody: setup.extraBody } : {}) };
};
