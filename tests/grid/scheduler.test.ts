import { describe, expect, it } from 'vitest';
import { cellKey, planCells } from '../../shared/grid/cells';
import type { CellResult, GridCell } from '../../shared/grid/grid-types';
import { createGridScheduler, type GridEvent } from '../../shared/grid/scheduler';
import { createManualClock, createManualRunner, drain, flush, succeeded } from './grid-helpers';

const cases = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `case-${i + 1}` }));
const columns = (...ids: string[]) => ids.map((id) => ({ id }));
const rateLimited = (retryAfterMs?: number) =>
  ({
    status: 'rate_limited',
    error: { kind: 'rate_limited', message: 'Rate limit reached for requests.', status: 429 },
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  }) as const;

describe('grid scheduler', () => {
  it('runs every cell exactly once within each endpoint’s concurrency limit', async () => {
    const clock = createManualClock();
    const endpointOf = (c: GridCell) => (c.columnId === 'fast' ? 'a' : 'b');
    const runner = createManualRunner(clock, endpointOf);
    const cells = planCells(cases(10), columns('fast', 'slow1', 'slow2'));
    const grid = createGridScheduler({
      cells,
      runCell: runner.runCell,
      clock,
      endpointOf,
      concurrency: (endpoint) => (endpoint === 'a' ? 2 : 3),
    });
    const done = grid.run();
    expect(runner.waiting).toHaveLength(5);
    await drain(runner);
    const end = await done;
    expect(end).toMatchObject({ total: 30, done: 30, failed: 0, remaining: 0, running: 0, isRunning: false });
    expect(runner.calls.map((c) => c.key).sort()).toEqual(cells.map((c) => c.key).sort());
    expect(runner.peak.get('a')).toBe(2);
    expect(runner.peak.get('b')).toBe(3);
  });

  it('backs the whole endpoint off on a 429 with Retry-After, not each cell, and retries the cell', async () => {
    const clock = createManualClock();
    const endpointOf = (c: GridCell) => (c.columnId === 'other' ? 'other' : 'limited');
    const runner = createManualRunner(clock, endpointOf);
    const events: GridEvent[] = [];
    const grid = createGridScheduler({
      cells: planCells(cases(6), columns('x', 'other')),
      runCell: runner.runCell,
      clock,
      endpointOf,
      concurrency: 3,
      onEvent: (e) => void events.push(e),
    });
    const done = grid.run();
    const limited = runner.waiting.filter((c) => c.cell.columnId === 'x');
    expect(limited).toHaveLength(3);
    const t0 = clock.now();
    // Two cells of the endpoint hit the limit at once: still ONE pause, and one wake-up.
    await limited[0]!.answer(rateLimited(5_000));
    await limited[1]!.answer(rateLimited(5_000));
    await limited[2]!.answer(succeeded('ok'));
    expect(runner.waiting.filter((c) => c.cell.columnId === 'x')).toHaveLength(0);
    expect(clock.sleeps).toEqual([5_000]);
    // The other endpoint keeps going meanwhile.
    await drain(runner, undefined, (c) => c.columnId === 'other');
    expect(runner.waiting.filter((c) => c.cell.columnId === 'x')).toHaveLength(0);
    await clock.advance(4_999);
    expect(runner.waiting.filter((c) => c.cell.columnId === 'x')).toHaveLength(0);
    await clock.advance(1);
    // After the pause the two refused cells go first, then the rest, three at a time.
    const resumed = runner.waiting.filter((c) => c.cell.columnId === 'x').map((c) => c.cell.key);
    expect(resumed.slice(0, 2)).toEqual(
      limited
        .slice(0, 2)
        .map((c) => c.cell.key)
        .reverse(),
    );
    await drain(runner);
    const end = await done;
    expect(end).toMatchObject({ done: 12, failed: 0 });
    const xStarts = runner.calls.filter((c) => c.key.includes('|x|') && c.startedAt > t0);
    expect(xStarts.every((c) => c.startedAt >= t0 + 5_000)).toBe(true);
    expect(runner.calls).toHaveLength(14);
    expect(events.filter((e) => e.type === 'backoff').map((e) => e.type === 'backoff' && e.until)).toEqual([
      t0 + 5_000,
      t0 + 5_000,
    ]);
  });

  it('backs off exponentially without Retry-After and fails a cell after too many 429s', async () => {
    const clock = createManualClock();
    const runner = createManualRunner(clock);
    const grid = createGridScheduler({
      cells: planCells(cases(1), columns('x')),
      runCell: runner.runCell,
      clock,
      concurrency: 1,
      maxRateLimitRetries: 3,
    });
    const done = grid.run();
    for (let i = 0; i < 4; i++) {
      await runner.waiting[0]!.answer(rateLimited());
      await clock.advance(60_000);
    }
    const end = await done;
    expect(clock.sleeps).toEqual([1_000, 2_000, 4_000]);
    expect(end).toMatchObject({ done: 0, failed: 1 });
    expect(grid.results()[0]?.error).toMatchObject({ kind: 'rate_limited', status: 429 });
  });

  it('keeps an endpoint’s pause across a stop and a new run', async () => {
    const clock = createManualClock();
    const runner = createManualRunner(clock);
    const grid = createGridScheduler({
      cells: planCells(cases(2), columns('a')),
      runCell: runner.runCell,
      clock,
      concurrency: 1,
    });
    void grid.run();
    const t0 = clock.now();
    await runner.waiting[0]!.answer(rateLimited(10_000));
    await grid.stop();
    await clock.advance(4_000);
    const again = grid.run();
    await clock.advance(5_999);
    expect(runner.waiting).toHaveLength(0);
    await clock.advance(1);
    expect(runner.waiting.map((c) => c.startedAt)).toEqual([t0 + 10_000]);
    await drain(runner);
    expect(await again).toMatchObject({ done: 2, failed: 0 });
  });

  it('stops: running cells go back to pending, and run() again runs only the unfinished ones', async () => {
    const clock = createManualClock();
    const runner = createManualRunner(clock);
    const cells = planCells(cases(4), columns('a', 'b'));
    const grid = createGridScheduler({ cells, runCell: runner.runCell, clock, concurrency: 2 });
    void grid.run();
    await runner.waiting[0]!.answer(succeeded('one'));
    await runner.waiting[0]!.answer({
      status: 'failed',
      error: { kind: 'server_error', message: 'boom' },
      outputs: [],
      finishReasons: [],
    });
    expect(runner.waiting).toHaveLength(2);
    const stopped = await grid.stop();
    expect(stopped).toMatchObject({ done: 1, failed: 1, remaining: 6, running: 0, isRunning: false });
    expect(runner.waiting).toHaveLength(0);
    const before = runner.calls.length;
    const again = grid.run();
    await drain(runner);
    expect(await again).toMatchObject({ done: 7, failed: 1, remaining: 0 });
    const rerun = runner.calls.slice(before).map((c) => c.key);
    expect(rerun).toHaveLength(6);
    expect(rerun).not.toContain(cells[0]!.key);
    expect(rerun).not.toContain(cells[1]!.key);
  });

  it('retries failed cells alone', async () => {
    const clock = createManualClock();
    const runner = createManualRunner(clock);
    const grid = createGridScheduler({
      cells: planCells(cases(3), columns('a')),
      runCell: runner.runCell,
      clock,
      concurrency: 3,
    });
    const first = grid.run();
    await drain(runner, (cell) =>
      cell.caseId === 'case-2'
        ? { status: 'failed', error: { kind: 'network', message: 'reset' }, outputs: [], finishReasons: [] }
        : succeeded('fine'),
    );
    expect(await first).toMatchObject({ done: 2, failed: 1 });
    const before = runner.calls.length;
    const retry = grid.retryFailed();
    await drain(runner);
    expect(await retry).toMatchObject({ done: 3, failed: 0 });
    expect(runner.calls.slice(before).map((c) => c.key)).toEqual([cellKey('case-2', 'a', 0)]);
  });

  it('resumes a reloaded grid from persisted results: only unfinished cells run', async () => {
    const clock = createManualClock();
    const first = createManualRunner(clock);
    const plan = () => planCells(cases(5), columns('a', 'b'));
    const saved: CellResult[] = [];
    const grid = createGridScheduler({
      cells: plan(),
      runCell: first.runCell,
      clock,
      concurrency: 2,
      onEvent: (e) =>
        void (e.type === 'cell-finished' && saved.push(JSON.parse(JSON.stringify(e.result)) as CellResult)),
    });
    void grid.run();
    for (let i = 0; i < 4; i++) await first.waiting[0]!.answer(succeeded(`r${i}`));
    // The process dies here: whatever was running is lost, the four finished results were persisted.
    const second = createManualRunner(clock);
    const reloaded = createGridScheduler({
      cells: plan(),
      runCell: second.runCell,
      clock,
      concurrency: 2,
      restore: saved,
    });
    expect(reloaded.progress()).toMatchObject({ total: 10, done: 4, remaining: 6 });
    const done = reloaded.run();
    await drain(second);
    expect(await done).toMatchObject({ done: 10 });
    expect(second.calls).toHaveLength(6);
    const savedKeys = new Set(saved.map((r) => r.key));
    expect(second.calls.some((c) => savedKeys.has(c.key))).toBe(false);
  });

  it('repeats a cell or a row and reports distinct outputs', async () => {
    const clock = createManualClock();
    const runner = createManualRunner(clock);
    const grid = createGridScheduler({
      cells: planCells(cases(2), columns('a', 'b')),
      runCell: runner.runCell,
      clock,
      concurrency: 4,
    });
    const answer = (cell: GridCell) => succeeded(cell.columnId === 'a' ? 'same' : `v${cell.repeat % 2}`);
    const first = grid.run();
    await drain(runner, answer);
    await first;
    const one = grid.repeat({ caseId: 'case-1', columnId: 'a' }, 4);
    await drain(runner, answer);
    expect(await one).toEqual([
      expect.objectContaining({ caseId: 'case-1', columnId: 'a', runs: 5, distinct: 1 }),
    ]);
    const row = grid.repeat({ caseId: 'case-2' }, 3);
    await drain(runner, answer);
    const meters = await row;
    expect(meters.map((m) => [m.columnId, m.runs, m.distinct])).toEqual([
      ['a', 4, 1],
      ['b', 4, 2],
    ]);
    expect(
      grid
        .cells()
        .filter((c) => c.caseId === 'case-2' && c.columnId === 'b')
        .map((c) => c.repeat),
    ).toEqual([0, 1, 2, 3]);
    expect(grid.progress().total).toBe(4 + 4 + 6);
  });

  it('reports elapsed time, an ETA and cost so far', async () => {
    const clock = createManualClock();
    const runner = createManualRunner(clock);
    const grid = createGridScheduler({
      cells: planCells(cases(4), columns('a')),
      runCell: runner.runCell,
      clock,
      concurrency: 1,
      cost: (_cell, run) => (run.usage?.total_tokens ?? 0) * 0.001,
    });
    expect(grid.progress()).toMatchObject({ total: 4, remaining: 4, elapsedMs: 0, isRunning: false });
    expect(grid.progress().etaMs).toBeUndefined();
    void grid.run();
    await clock.advance(1_000);
    await runner.waiting[0]!.answer(succeeded('x', { usage: { total_tokens: 100 } }));
    await clock.advance(1_000);
    await runner.waiting[0]!.answer(succeeded('y', { usage: { total_tokens: 50 } }));
    const p = grid.progress();
    expect(p).toMatchObject({ done: 2, remaining: 2, elapsedMs: 2_000, etaMs: 2_000, isRunning: true });
    expect(p.cost).toBeCloseTo(0.15);
    await grid.stop();
    await clock.advance(10_000);
    expect(grid.progress().elapsedMs).toBe(2_000);
  });

  it('records a runner that throws as a failed cell and survives a throwing listener', async () => {
    const clock = createManualClock();
    const grid = createGridScheduler({
      cells: planCells(cases(2), columns('a')),
      runCell: (cell) =>
        cell.caseId === 'case-1' ? Promise.reject(new Error('kaput')) : Promise.resolve(succeeded('ok')),
      clock,
      concurrency: 2,
      onEvent: () => {
        throw new Error('listener bug');
      },
    });
    const end = await grid.run();
    expect(end).toMatchObject({ done: 1, failed: 1 });
    expect(grid.resultOf(cellKey('case-1', 'a', 0))?.error).toEqual({ kind: 'protocol', message: 'kaput' });
  });

  it('finishes at once when nothing is left to run', async () => {
    const clock = createManualClock();
    const grid = createGridScheduler({
      cells: [],
      runCell: () => Promise.resolve(succeeded('')),
      clock,
      concurrency: 1,
    });
    await expect(grid.run()).resolves.toMatchObject({ total: 0, isRunning: false });
    await flush();
  });
});
