/** What a finished cell keeps of its runner's outcome. */
import type { CellOutcome, CellResult, CellRun, GridCell } from './grid-types';

/** A finished outcome: anything but a stop. */
type Finished = Exclude<CellOutcome, { status: 'cancelled' }>;

/** The run part of an outcome, with only the fields it has (a refused 429 has no run at all). */
export const runOf = (o: Finished): CellRun =>
  o.status === 'rate_limited'
    ? { outputs: [], finishReasons: [] }
    : {
        outputs: o.outputs,
        finishReasons: o.finishReasons,
        ...(o.request ? { request: o.request } : {}),
        ...(o.model !== undefined ? { model: o.model } : {}),
        ...(o.systemFingerprint !== undefined ? { systemFingerprint: o.systemFingerprint } : {}),
        ...(o.usage ? { usage: o.usage } : {}),
        ...(o.metrics ? { metrics: o.metrics } : {}),
      };

/** The result of a cell that finished with `outcome` (a 429 out of retries finishes as failed). */
export const resultOf = (
  cell: GridCell,
  outcome: Finished,
  run: CellRun,
  at: { startedAt: number; endedAt: number; cost: number | undefined },
): CellResult => ({
  ...cell,
  ...run,
  status: outcome.status === 'succeeded' ? 'succeeded' : 'failed',
  ...(outcome.status === 'succeeded' ? {} : { error: outcome.error }),
  startedAt: at.startedAt,
  endedAt: at.endedAt,
  ...(at.cost !== undefined ? { cost: at.cost } : {}),
});
