/**
 * Test doubles for the grid scheduler: a manual clock (time moves only when the test says) and a cell runner whose
 * calls the test answers one by one, recording when each started and how many ran at once per endpoint.
 */
import type { CellOutcome, GridCell, GridClock } from '../../shared/grid/grid-types';

/** A clock whose time moves only through `advance`; sleeps resolve when their time comes or on abort. */
export interface ManualClock extends GridClock {
  /** Every sleep asked for, in ms. */
  sleeps: number[];
  advance(ms: number): Promise<void>;
}

/** Lets pending promise callbacks run. */
export const flush = async (turns = 20): Promise<void> => {
  for (let i = 0; i < turns; i++) await Promise.resolve();
};

export const createManualClock = (start = 1_000_000): ManualClock => {
  let now = start;
  const timers: { at: number; resolve: () => void }[] = [];
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: (ms, signal) => {
      sleeps.push(ms);
      return new Promise<void>((resolve) => {
        if (signal.aborted) return resolve();
        timers.push({ at: now + ms, resolve });
        signal.addEventListener('abort', () => resolve(), { once: true });
      });
    },
    advance: async (ms) => {
      now += ms;
      for (const t of timers.splice(0)) {
        if (t.at <= now) t.resolve();
        else timers.push(t);
      }
      await flush();
    },
  };
};

/** One call of the runner, waiting for the test's answer. */
export interface PendingCall {
  cell: GridCell;
  signal: AbortSignal;
  startedAt: number;
  answer(outcome: CellOutcome): Promise<void>;
}

/** A runner the test answers by hand; it answers `cancelled` by itself when its signal aborts. */
export const createManualRunner = (
  clock: GridClock,
  endpointOf: (cell: GridCell) => string = () => 'default',
) => {
  const waiting: PendingCall[] = [];
  const calls: { key: string; startedAt: number }[] = [];
  const active = new Map<string, number>();
  const peak = new Map<string, number>();
  const runCell = (cell: GridCell, signal: AbortSignal): Promise<CellOutcome> =>
    new Promise<CellOutcome>((resolve) => {
      const endpoint = endpointOf(cell);
      active.set(endpoint, (active.get(endpoint) ?? 0) + 1);
      peak.set(endpoint, Math.max(peak.get(endpoint) ?? 0, active.get(endpoint) ?? 0));
      calls.push({ key: cell.key, startedAt: clock.now() });
      let isAnswered = false;
      const settle = (outcome: CellOutcome) => {
        if (isAnswered) return;
        isAnswered = true;
        active.set(endpoint, (active.get(endpoint) ?? 1) - 1);
        const i = waiting.indexOf(call);
        if (i >= 0) waiting.splice(i, 1);
        resolve(outcome);
      };
      const call: PendingCall = {
        cell,
        signal,
        startedAt: clock.now(),
        answer: async (outcome) => {
          settle(outcome);
          await flush();
        },
      };
      signal.addEventListener('abort', () => settle({ status: 'cancelled' }), { once: true });
      waiting.push(call);
    });
  return { runCell, waiting, calls, peak };
};

/** A successful outcome with one output. */
export const succeeded = (
  output: string,
  extra: Partial<Extract<CellOutcome, { status: 'succeeded' }>> = {},
) =>
  ({
    status: 'succeeded',
    outputs: [output],
    finishReasons: ['stop'],
    ...extra,
  }) as const satisfies CellOutcome;

/** Answers waiting calls (the first that `only` accepts, each time) with `answer`, until none is left. */
export const drain = async (
  runner: ReturnType<typeof createManualRunner>,
  answer: (cell: GridCell) => CellOutcome = (cell) => succeeded(`out ${cell.key}`),
  only: (cell: GridCell) => boolean = () => true,
): Promise<void> => {
  for (let guard = 0; guard < 100_000; guard++) {
    const call = runner.waiting.find((c) => only(c.cell));
    if (!call) return;
    await call.answer(answer(call.cell));
  }
  throw new Error('drain: the runner never ran dry');
};
