/**
 * One line of a results file (JSONL): everything needed to understand and reproduce one cell — the case, the
 * column's setup (never a key, a price table or a header), the exact request body, model, seed, the server's
 * `system_fingerprint`, timing, usage, output, finish reason and check results.
 *
 * Every line carries `format` and `version`, so result files of several shards can simply be concatenated, and a
 * reader refuses a line from a newer app by its version instead of misreading it.
 */
import { z } from 'zod';
import { caseRowSchema, type CaseRow } from '../cases/case-set';
import { ERROR_KINDS } from '../result';
import { completionParamsSchema, extraBodySchema, FORBIDDEN_KEYS } from '../schemas';
import { cellKey } from './cells';
import type { CheckResult } from './checks';
import type { CellResult, GridColumn } from './grid-types';

/** The `format` of every results line. */
export const RESULT_LINE_FORMAT = 'r9s-playground/result';

/** The only results version this build reads and writes. */
export const RESULT_LINE_VERSION = 1;

const safeKey = z.string().refine((k) => !FORBIDDEN_KEYS.has(k), { message: 'reserved key name' });
const count = z.number().min(0).max(1e12).optional();
const isoTime = z.string().max(40);

/** A results line. Strict: a field this version does not know is refused by name. */
export const resultLineSchema = z
  .strictObject({
    format: z.literal(RESULT_LINE_FORMAT),
    version: z.literal(RESULT_LINE_VERSION),
    key: z.string().max(1000),
    case: caseRowSchema,
    column: z.strictObject({
      id: z.string().min(1).max(300),
      label: z.string().max(300),
      profile: z.string().max(200).optional(),
      params: completionParamsSchema,
      extra_body: extraBodySchema.optional(),
    }),
    repeat: z.int().min(0).max(1_000_000),
    status: z.enum(['succeeded', 'failed']),
    model: z.string().max(300).optional(),
    seed: z.number().optional(),
    system_fingerprint: z.string().max(300).optional(),
    request: z.record(safeKey, z.unknown()).optional(),
    output: z.string(),
    outputs: z.array(z.string()).max(128).optional(),
    finish_reason: z.string().max(100).nullable(),
    finish_reasons: z.array(z.string().max(100).nullable()).max(128).optional(),
    usage: z.strictObject({ prompt_tokens: count, completion_tokens: count, total_tokens: count }).optional(),
    timing: z.strictObject({
      started_at: isoTime,
      ended_at: isoTime,
      duration_ms: z.number().min(0),
      ttft_ms: z.number().min(0).optional(),
      tokens_per_second: z.number().min(0).optional(),
      attempts: z.int().min(0).max(1000).optional(),
    }),
    cost: z.number().optional(),
    error: z
      .strictObject({
        kind: z.enum(ERROR_KINDS),
        message: z.string().max(20_000),
        status: z.int().optional(),
        type: z.string().max(200).optional(),
        code: z.union([z.string().max(200), z.number()]).optional(),
        param: z.string().max(200).optional(),
      })
      .optional(),
    checks: z
      .array(
        z.strictObject({
          check: z.string().max(600),
          pass: z.boolean().nullable(),
          reason: z.string().max(600).optional(),
        }),
      )
      .max(100)
      .optional(),
  })
  .refine((l) => l.key === cellKey(l.case.id, l.column.id, l.repeat), {
    message: 'does not match case.id, column.id and repeat',
    path: ['key'],
  });

/** One results line. */
export type ResultLine = z.infer<typeof resultLineSchema>;

const iso = (ms: number): string => {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? new Date(0).toISOString() : d.toISOString();
};

/** The line of a finished cell; `checks` are its check results, when the grid has checks. */
export const toResultLine = (
  result: CellResult,
  row: CaseRow,
  column: GridColumn,
  checks?: readonly CheckResult[],
): ResultLine => {
  const body = result.request;
  const seed = body?.['seed'] ?? column.params.seed;
  // The model the server says it used, else the one asked for: an alias can resolve to a different model.
  const model = result.model ?? (typeof body?.['model'] === 'string' ? body['model'] : column.params.model);
  const m = result.metrics;
  return {
    format: RESULT_LINE_FORMAT,
    version: RESULT_LINE_VERSION,
    key: result.key,
    case: row,
    column: {
      id: column.id,
      label: column.label,
      ...(column.profileName !== undefined ? { profile: column.profileName } : {}),
      params: column.params,
      ...(column.extraBody ? { extra_body: column.extraBody } : {}),
    },
    repeat: result.repeat,
    status: result.status,
    model,
    ...(typeof seed === 'number' ? { seed } : {}),
    ...(result.systemFingerprint !== undefined ? { system_fingerprint: result.systemFingerprint } : {}),
    ...(body ? { request: body } : {}),
    output: result.outputs[0] ?? '',
    ...(result.outputs.length > 1 ? { outputs: result.outputs } : {}),
    finish_reason: result.finishReasons[0] ?? null,
    ...(result.finishReasons.length > 1 ? { finish_reasons: result.finishReasons } : {}),
    ...(result.usage ? { usage: result.usage } : {}),
    timing: {
      started_at: iso(result.startedAt),
      ended_at: iso(result.endedAt),
      duration_ms: Math.max(0, m?.durationMs ?? result.endedAt - result.startedAt),
      ...(m?.ttftMs !== undefined ? { ttft_ms: m.ttftMs } : {}),
      ...(m?.tokensPerSecond !== undefined ? { tokens_per_second: m.tokensPerSecond } : {}),
      ...(m ? { attempts: m.attempts } : {}),
    },
    ...(result.cost !== undefined ? { cost: result.cost } : {}),
    ...(result.error ? { error: result.error } : {}),
    ...(checks && checks.length > 0 ? { checks: [...checks] } : {}),
  };
};

/** A grid rebuilt from results lines: cases and columns in order of first appearance, one result per cell. */
export interface ImportedGrid {
  cases: CaseRow[];
  columns: GridColumn[];
  /** A cell that appears twice keeps its later line (a re-run supersedes the earlier one). */
  results: CellResult[];
}

/** Turns parsed lines back into grid results (for the results grid, or to resume a run). */
export const gridFromResultLines = (lines: readonly ResultLine[]): ImportedGrid => {
  const cases = new Map<string, CaseRow>();
  const columns = new Map<string, GridColumn>();
  const results = new Map<string, CellResult>();
  for (const line of lines) {
    if (!cases.has(line.case.id)) cases.set(line.case.id, line.case);
    if (!columns.has(line.column.id)) {
      const c = line.column;
      columns.set(c.id, {
        id: c.id,
        label: c.label,
        params: c.params,
        ...(c.extra_body ? { extraBody: c.extra_body } : {}),
        ...(c.profile !== undefined ? { profileName: c.profile } : {}),
      });
    }
    const startedAt = Date.parse(line.timing.started_at);
    const endedAt = Date.parse(line.timing.ended_at);
    results.delete(line.key);
    results.set(line.key, {
      key: line.key,
      caseId: line.case.id,
      columnId: line.column.id,
      repeat: line.repeat,
      status: line.status,
      ...(line.error ? { error: line.error } : {}),
      ...(line.request ? { request: line.request } : {}),
      ...(line.model !== undefined ? { model: line.model } : {}),
      ...(line.system_fingerprint !== undefined ? { systemFingerprint: line.system_fingerprint } : {}),
      outputs: line.outputs ?? (line.status === 'succeeded' || line.output !== '' ? [line.output] : []),
      finishReasons: line.finish_reasons ?? [line.finish_reason],
      ...(line.usage ? { usage: line.usage } : {}),
      metrics: {
        durationMs: line.timing.duration_ms,
        attempts: line.timing.attempts ?? 1,
        ...(line.timing.ttft_ms !== undefined ? { ttftMs: line.timing.ttft_ms } : {}),
        ...(line.timing.tokens_per_second !== undefined
          ? { tokensPerSecond: line.timing.tokens_per_second }
          : {}),
      },
      startedAt: Number.isNaN(startedAt) ? 0 : startedAt,
      endedAt: Number.isNaN(endedAt) ? 0 : endedAt,
      ...(line.cost !== undefined ? { cost: line.cost } : {}),
    });
  }
  return { cases: [...cases.values()], columns: [...columns.values()], results: [...results.values()] };
};

/** The setup a line ran with, ready for the editor: the column's parameters with the prompt exactly as sent. */
export const setupOfLine = (
  line: ResultLine,
): { params: ResultLine['column']['params']; extraBody?: Record<string, unknown> } => {
  const sent = line.request?.['prompt'];
  return {
    params: { ...line.column.params, prompt: typeof sent === 'string' ? sent : line.column.params.prompt },
    ...(line.column.extra_body ? { extraBody: line.column.extra_body } : {}),
  };
};
