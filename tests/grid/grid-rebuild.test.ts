import { describe, expect, it } from 'vitest';
import { cellKey, planCells } from '../../shared/grid/cells';
import { rebuildGridResults, type GridHistoryEntry } from '../../shared/grid/grid-rebuild';

const GRID = 'grid-0123456789';
const cells = planCells([{ id: 'a' }, { id: 'b' }], [{ id: 'x' }, { id: 'y' }]);

const entry = (key: string, startedAt: number, patch: Partial<GridHistoryEntry> = {}): GridHistoryEntry => ({
  grid: { gridId: GRID, cellKey: key },
  startedAt,
  status: 'done',
  outputs: [`out ${key} ${startedAt}`],
  choices: [{ index: 0, finishReason: 'stop' }],
  request: { url: 'u', method: 'POST', headers: {}, body: { prompt: key } },
  durationMs: 5,
  ...patch,
});

describe('rebuildGridResults', () => {
  it('keeps each cell’s latest run when it finished, and leaves unfinished cells out', () => {
    const results = rebuildGridResults(GRID, cells, [
      entry(cellKey('a', 'x', 0), 10),
      entry(cellKey('a', 'x', 0), 20), // a later run of the same cell wins
      entry(cellKey('a', 'y', 0), 10, { status: 'interrupted' }), // the crash cut it off: runs again
      entry(cellKey('b', 'x', 0), 10, { status: 'error', error: { kind: 'server_error', message: 'boom' } }),
      entry(cellKey('b', 'y', 0), 10),
      entry(cellKey('b', 'y', 0), 30, { status: 'cancelled' }), // stopped after it had finished once: runs again
      entry(cellKey('a', 'x', 0), 40, { grid: { gridId: 'another-grid-1', cellKey: cellKey('a', 'x', 0) } }),
    ]);
    expect(results.map((r) => [r.key, r.status])).toEqual([
      [cellKey('a', 'x', 0), 'succeeded'],
      [cellKey('b', 'x', 0), 'failed'],
    ]);
    expect(results[0]).toMatchObject({
      outputs: ['out a|x|0 20'],
      finishReasons: ['stop'],
      startedAt: 20,
      endedAt: 25,
    });
    expect(results[1]?.error?.message).toBe('boom');
  });

  it('does not count a rate-limited run or a cell outside the grid as finished', () => {
    const results = rebuildGridResults(GRID, cells, [
      entry(cellKey('a', 'x', 0), 10, { status: 'error', error: { kind: 'rate_limited', message: '429' } }),
      entry(cellKey('z', 'x', 0), 10),
    ]);
    expect(results).toEqual([]);
  });
});
