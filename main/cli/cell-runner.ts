/**
 * Runs one grid cell on the app's engine (`runCompletion`) and reports it as a CellOutcome. The engine's own retry
 * is off for grid cells: a 429 goes back to the scheduler, which pauses the whole endpoint instead of letting every
 * cell wait out its own backoff.
 */
import { randomUUID } from 'node:crypto';
import { cellParams } from '../../shared/grid/cells';
import type { CellOutcome, GridCell, GridColumn } from '../../shared/grid/grid-types';
import type { CaseRow } from '../../shared/cases/case-set';
import type { ResponseRecord, RunEvent } from '../../shared/run-events';
import type { Clock, FetchLike } from '../core/ports';
import {
  DEFAULT_RETRY_POLICY,
  DEFAULT_TIMEOUTS,
  retryAfterMs,
  runCompletion,
  type ProviderTarget,
} from '../core/provider';

/** The target of a command-line run: the engine's retry disabled, so 429s reach the scheduler. */
export const gridTarget = (baseUrl: string, apiKey: string | undefined): ProviderTarget => ({
  baseUrl,
  ...(apiKey ? { apiKey } : {}),
  headers: {},
  retry: { ...DEFAULT_RETRY_POLICY, enabled: false },
  timeouts: DEFAULT_TIMEOUTS,
});

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `system_fingerprint` and `model` from the last payload the server sent (the final chunk, or the whole body). */
export const servedBy = (raw: string | undefined): { systemFingerprint?: string; model?: string } => {
  if (!raw) return {};
  try {
    const payload: unknown = JSON.parse(raw.replace(/^data:\s*/, ''));
    if (!isRecord(payload)) return {};
    const fp = payload['system_fingerprint'];
    const model = payload['model'];
    return {
      ...(typeof fp === 'string' && fp !== '' ? { systemFingerprint: fp.slice(0, 300) } : {}),
      ...(typeof model === 'string' && model !== '' ? { model: model.slice(0, 300) } : {}),
    };
  } catch {
    return {};
  }
};

/** The wait a refusal asks for, when it is a rate limit (429, or 503 with Retry-After); undefined otherwise. */
const rateLimitWait = (response: ResponseRecord | undefined): { retryAfterMs?: number } | undefined => {
  if (!response) return undefined;
  const headers = new Headers(response.headers);
  const wait = retryAfterMs(headers, Date.now());
  if (response.status === 429) return wait !== undefined ? { retryAfterMs: wait } : {};
  if (response.status === 503 && wait !== undefined) return { retryAfterMs: wait };
  return undefined;
};

/** Dependencies of the cell runner. */
export interface CellRunnerDeps {
  columns: ReadonlyMap<string, GridColumn>;
  cases: ReadonlyMap<string, CaseRow>;
  target: ProviderTarget;
  fetch: FetchLike;
  clock: Clock;
}

/** Builds the runCell the scheduler calls. */
export const createCellRunner =
  (deps: CellRunnerDeps) =>
  async (cell: GridCell, signal: AbortSignal): Promise<CellOutcome> => {
    const column = deps.columns.get(cell.columnId);
    const row = deps.cases.get(cell.caseId);
    const empty = { outputs: [], finishReasons: [] };
    if (!column || !row) {
      return {
        status: 'failed',
        error: { kind: 'invalid_input', message: `unknown cell ${cell.key}` },
        ...empty,
      };
    }
    const params = cellParams(column, row);
    if (!params.ok) return { status: 'failed', error: params.error, ...empty };
    const outputs: string[] = [];
    let request: Record<string, unknown> | undefined;
    const emit = (event: RunEvent) => {
      if (event.type === 'started') request = event.request.body;
      else if (event.type === 'delta') outputs[event.choice] = (outputs[event.choice] ?? '') + event.text;
    };
    const end = await runCompletion({
      runId: `grid-${randomUUID()}`,
      target: deps.target,
      params: params.value,
      ...(column.extraBody ? { extraBody: column.extraBody } : {}),
      signal,
      emit,
      fetch: deps.fetch,
      clock: deps.clock,
    });
    if (end.type === 'cancelled') return { status: 'cancelled' };
    const texts = Array.from({ length: outputs.length }, (_, i) => outputs[i] ?? '');
    const base = { ...(request ? { request } : {}), metrics: end.metrics, ...servedBy(end.response?.raw) };
    if (end.type === 'error') {
      const wait = rateLimitWait(end.response);
      if (wait) return { status: 'rate_limited', error: end.error, ...wait };
      return { status: 'failed', error: end.error, ...base, outputs: texts, finishReasons: [] };
    }
    const finishReasons = Array.from({ length: Math.max(texts.length, end.choices.length) }, (_, i) => {
      return end.choices.find((c) => c.index === i)?.finishReason ?? null;
    });
    const allOutputs = Array.from({ length: finishReasons.length }, (_, i) => texts[i] ?? '');
    return {
      status: 'succeeded',
      ...base,
      outputs: allOutputs,
      finishReasons,
      ...(end.usage ? { usage: end.usage } : {}),
    };
  };
