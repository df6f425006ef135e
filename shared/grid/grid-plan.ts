/**
 * A grid as the app runs it: the Compare columns and the test cases it was started with, plus the repeat cells added
 * since. The plan is stored with the user's data when the grid starts, and every cell's run is recorded in history
 * with the grid id and cell key, so after a crash or a quit the app rebuilds what finished (grid-rebuild.ts) and
 * runs only the rest.
 */
import { z } from 'zod';
import { caseRowSchema, MAX_CASE_ROWS, type CaseRow } from '../cases/case-set';
import { dropUnset } from '../request-body';
import { fail, ok, type Result } from '../result';
import { completionParamsSchema, extraBodySchema, type RunRequest } from '../schemas';
import { MAX_COMPARE_COLUMNS } from '../sweep';
import { cellOf, cellParams, MAX_REPEATS, planCells } from './cells';
import type { GridCell, GridColumn } from './grid-types';

/** A grid id: URL-safe, so it can sit in a run's history record and a file name. */
export const gridIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'a grid id is 8–64 URL-safe characters');

/** Most repeat cells one grid may add on top of its cases × columns. */
export const MAX_EXTRA_CELLS = 100_000;

/** One column as a grid keeps it: a setup and the profile it runs on (never a key, never a price). */
export const gridColumnSchema = z.strictObject({
  id: z.string().min(1).max(300),
  label: z.string().max(300),
  params: completionParamsSchema,
  extraBody: extraBodySchema.optional(),
  profileId: z.string().max(64).optional(),
  profileName: z.string().max(200).optional(),
});

const cellRefSchema = z.strictObject({
  caseId: z.string().max(64),
  columnId: z.string().max(300),
  repeat: z
    .int()
    .min(1)
    .max(MAX_REPEATS * 100),
});

/** A stored grid: its columns, its cases and the repeat cells added after it started. */
export const gridPlanSchema = z.strictObject({
  id: gridIdSchema,
  createdAt: z.number(),
  columns: z.array(gridColumnSchema).min(1).max(MAX_COMPARE_COLUMNS),
  cases: z.array(caseRowSchema).min(1).max(MAX_CASE_ROWS),
  /** Cells beyond cases × columns × 1: the repeats asked for with "Repeat ×k". */
  extraCells: z.array(cellRefSchema).max(MAX_EXTRA_CELLS),
});

/** A stored grid. */
export type GridPlan = z.infer<typeof gridPlanSchema>;

/** The history tag of a grid cell's run. */
export interface GridRunTag {
  gridId: string;
  cellKey: string;
}

/** Every cell of a plan, in plan order: cases × columns, then the repeats in the order they were added. */
export const planGridCells = (plan: Pick<GridPlan, 'cases' | 'columns' | 'extraCells'>): GridCell[] => [
  ...planCells(plan.cases, plan.columns),
  ...plan.extraCells.map((c) => cellOf(c.caseId, c.columnId, c.repeat)),
];

/** Lookups of a plan's columns and cases by id. */
export const planIndex = (plan: Pick<GridPlan, 'cases' | 'columns'>) => ({
  columns: new Map<string, GridColumn>(plan.columns.map((c) => [c.id, c])),
  cases: new Map<string, CaseRow>(plan.cases.map((c) => [c.id, c])),
});

/**
 * The run request of one cell: the column's setup with the case filled into its prompt, on the column's profile,
 * tagged with the grid and cell so history records which cell the run was.
 */
export const cellRunRequest = (
  index: ReturnType<typeof planIndex>,
  gridId: string,
  cell: GridCell,
  runId: string,
): Result<RunRequest> => {
  const column = index.columns.get(cell.columnId);
  const row = index.cases.get(cell.caseId);
  if (!column || !row) return fail('invalid_input', `the grid has no cell ${cell.key}`);
  const params = cellParams(column, row);
  if (!params.ok) return params;
  const extra = column.extraBody && Object.keys(column.extraBody).length > 0 ? column.extraBody : undefined;
  return ok({
    runId,
    profileId: column.profileId ?? '',
    params: dropUnset(params.value),
    ...(extra ? { extraBody: extra } : {}),
    grid: { gridId, cellKey: cell.key },
  });
};
