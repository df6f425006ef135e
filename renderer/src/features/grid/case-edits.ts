/**
 * Edits of the test-case table, as pure functions over shared/cases' CaseTable: each returns a new table and never
 * changes the one it was given, so an edit that fails leaves the table as it was.
 */
import { MAX_CASE_ROWS, type CaseRow, type CaseTable } from '../../../../shared/cases/case-set';

/** The table every Compare starts with: no variables, no cases. */
export const EMPTY_TABLE: CaseTable = { variables: [], rows: [] };

/** An id no row of the table has: `case-N` after the highest such number. */
export const nextCaseId = (rows: readonly CaseRow[], offset = 0): string => {
  let max = 0;
  for (const r of rows) {
    const m = /^case-(\d{1,9})$/.exec(r.id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `case-${max + 1 + offset}`;
};

/** Whether the table has room for `more` rows. */
export const hasRoom = (table: CaseTable, more = 1): boolean => table.rows.length + more <= MAX_CASE_ROWS;

/** Adds an empty case at the end. */
export const addCase = (table: CaseTable): CaseTable => ({
  ...table,
  rows: [...table.rows, { id: nextCaseId(table.rows), values: {} }],
});

/** Adds a copy of case `id` right after it, with a new id. */
export const duplicateCase = (table: CaseTable, id: string): CaseTable => {
  const at = table.rows.findIndex((r) => r.id === id);
  const row = table.rows[at];
  if (!row) return table;
  const copy: CaseRow = { ...row, values: { ...row.values }, id: nextCaseId(table.rows) };
  return { ...table, rows: [...table.rows.slice(0, at + 1), copy, ...table.rows.slice(at + 1)] };
};

/** Removes case `id`. */
export const deleteCase = (table: CaseTable, id: string): CaseTable => ({
  ...table,
  rows: table.rows.filter((r) => r.id !== id),
});

/** What a cell of the table edits: a variable's value, or the row's "expected" or "notes". */
export type CaseField = { variable: string } | 'expected' | 'notes';

/** Sets one cell; an emptied "expected" or "notes" is removed (none), a variable keeps its empty value. */
export const setCaseField = (table: CaseTable, id: string, field: CaseField, value: string): CaseTable => {
  const variables =
    typeof field === 'object' && !table.variables.includes(field.variable)
      ? [...table.variables, field.variable]
      : table.variables;
  const rows = table.rows.map((row) => {
    if (row.id !== id) return row;
    if (typeof field === 'object') return { ...row, values: { ...row.values, [field.variable]: value } };
    const next: CaseRow = { ...row };
    if (value === '') delete next[field];
    else next[field] = value;
    return next;
  });
  return { variables, rows };
};

/** Appends imported cases: their variables join the table's, their rows get ids that follow the table's. */
export const appendCases = (table: CaseTable, imported: CaseTable): CaseTable => ({
  variables: [...table.variables, ...imported.variables.filter((v) => !table.variables.includes(v))],
  rows: [...table.rows, ...imported.rows.map((row, i) => ({ ...row, id: nextCaseId(table.rows, i) }))],
});

/** The columns the table shows: the prompt's variables first, then any other the cases hold. */
export const shownVariables = (promptVariables: readonly string[], table: CaseTable): string[] => [
  ...promptVariables,
  ...table.variables.filter((v) => !promptVariables.includes(v)),
];
