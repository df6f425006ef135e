/**
 * A case set: the test-case table of a prompt. One column per prompt variable plus the optional "expected" and
 * "notes", one row per case. Every importer and the share format end in `caseSetSchema`, so a set in memory always
 * holds valid variable names, unique row ids and cells within the size limit.
 */
import { z } from 'zod';
import { isVariableName } from '../template';

/** Largest cell, in UTF-8 bytes (10 MB): a bigger one is refused with a message, never cut. */
export const MAX_CELL_BYTES = 10 * 1024 * 1024;

/** Largest case file or paste accepted, in characters. */
export const MAX_CASES_FILE_CHARS = 100_000_000;

/** Most rows in one case set. */
export const MAX_CASE_ROWS = 10_000;

/** Most variables (columns besides expected and notes) in one case set. */
export const MAX_CASE_VARIABLES = 100;

/** UTF-8 length of a string, without encoding it (lone surrogates count as the 3 bytes of U+FFFD). */
export const utf8Length = (text: string): number => {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
};

/** Whether a cell fits MAX_CELL_BYTES; short strings are decided from their length alone. */
export const isCellWithinLimit = (text: string): boolean =>
  text.length * 3 <= MAX_CELL_BYTES || (text.length <= MAX_CELL_BYTES && utf8Length(text) <= MAX_CELL_BYTES);

/** The message for a refused cell; `where` names the line and column. */
export const cellTooLargeMessage = (where: string, text: string): string =>
  `${where}: the cell is larger than 10 MB (${(utf8Length(text) / 1024 / 1024).toFixed(1)} MB); shorten it or ` +
  'keep such inputs out of the case table';

/** A row id: short and URL-safe, because it is part of every grid cell key. */
export const caseIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'a case id is 1–64 of A–Z a–z 0–9 _ . -');

const cellSchema = z.string().refine(isCellWithinLimit, { message: 'the cell is larger than 10 MB' });

const variableSchema = z.string().refine(isVariableName, {
  message: 'not a variable name (letters, digits, _, - and .; not "expected", "notes" or a reserved word)',
});

/** One case: a value per variable, and what the output should be (optional) and a note (optional). */
export const caseRowSchema = z.strictObject({
  id: caseIdSchema,
  values: z.record(variableSchema, cellSchema),
  expected: cellSchema.optional(),
  notes: cellSchema.optional(),
});

/** A named case set; every row's values name only the set's variables. */
export const caseSetSchema = z
  .strictObject({
    name: z.string().trim().min(1, 'name is required').max(120),
    variables: z.array(variableSchema).max(MAX_CASE_VARIABLES),
    rows: z.array(caseRowSchema).max(MAX_CASE_ROWS),
  })
  .superRefine((set, ctx) => {
    const vars = new Set<string>();
    set.variables.forEach((v, i) => {
      if (vars.has(v))
        ctx.addIssue({ code: 'custom', path: ['variables', i], message: `"${v}" appears twice` });
      vars.add(v);
    });
    const ids = new Set<string>();
    set.rows.forEach((row, i) => {
      if (ids.has(row.id))
        ctx.addIssue({ code: 'custom', path: ['rows', i, 'id'], message: 'duplicate case id' });
      ids.add(row.id);
      for (const key of Object.keys(row.values)) {
        if (!vars.has(key)) {
          ctx.addIssue({
            code: 'custom',
            path: ['rows', i, 'values', key],
            message: 'not one of the variables',
          });
        }
      }
    });
  });

/** One case. */
export type CaseRow = z.infer<typeof caseRowSchema>;

/** A named case set. */
export type CaseSet = z.infer<typeof caseSetSchema>;

/** Variables and rows as an import produced them, before the user names the set. */
export interface CaseTable {
  variables: string[];
  rows: CaseRow[];
}

/** The id an import gives the row at `index` (0-based): positional, so every machine importing a file agrees. */
export const positionalCaseId = (index: number): string => `case-${index + 1}`;

/** A row's value for a variable ('' when it has none). */
export const caseValue = (row: CaseRow, variable: string): string =>
  Object.hasOwn(row.values, variable) ? (row.values[variable] ?? '') : '';
