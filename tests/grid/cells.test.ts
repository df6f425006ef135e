import { describe, expect, it } from 'vitest';
import { cellKey, cellParams, parseShard, planCells, shardCells } from '../../shared/grid/cells';
import type { GridColumn } from '../../shared/grid/grid-types';

const column: GridColumn = {
  id: 'presets/a b.preset.json#1',
  label: 'A',
  params: { model: 'm', prompt: 'Say {{greeting}} to {{ name }}', stream: true, temperature: 0 },
};

describe('cells', () => {
  it('keys a cell by case, column and repeat, unambiguously', () => {
    expect(cellKey('case-1', 'col', 0)).toBe('case-1|col|0');
    expect(cellKey('a|b', 'c', 1)).not.toBe(cellKey('a', 'b|c', 1));
    expect(cellKey('case-1', column.id, 2)).toBe('case-1|presets%2Fa%20b.preset.json%231|2');
  });

  it('plans cases × columns × repeats in a fixed order, with stable keys', () => {
    const cells = planCells([{ id: 'c1' }, { id: 'c2' }], [{ id: 'x' }, { id: 'y' }], 2);
    expect(cells.map((c) => c.key)).toEqual([
      'c1|x|0',
      'c1|x|1',
      'c1|y|0',
      'c1|y|1',
      'c2|x|0',
      'c2|x|1',
      'c2|y|0',
      'c2|y|1',
    ]);
    expect(planCells([{ id: 'c1' }, { id: 'c2' }], [{ id: 'x' }, { id: 'y' }], 2)).toEqual(cells);
  });

  it('splits cells into shards that cover every cell exactly once', () => {
    const cells = planCells(
      Array.from({ length: 37 }, (_, i) => ({ id: `c${i}` })),
      [{ id: 'x' }, { id: 'y' }, { id: 'z' }],
      2,
    );
    for (const total of [1, 2, 3, 5, 8, 300]) {
      const shards = Array.from({ length: total }, (_, i) => shardCells(cells, i + 1, total));
      const all = shards.flat().map((c) => c.key);
      expect(all.sort()).toEqual(cells.map((c) => c.key).sort());
      expect(new Set(all).size).toBe(cells.length);
      const sizes = shards.map((s) => s.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });

  it('reads i/n shards and refuses anything else', () => {
    expect(parseShard('2/4')).toEqual({ ok: true, value: { index: 2, total: 4 } });
    expect(parseShard(' 1 / 1 ')).toEqual({ ok: true, value: { index: 1, total: 1 } });
    for (const bad of ['0/4', '5/4', '1/0', 'a/b', '1', '-1/2', '1/2/3', ''])
      expect(parseShard(bad).ok).toBe(false);
  });

  it('fills the column’s prompt template from the case, or names the missing variable', () => {
    const row = { id: 'case-7', values: { greeting: 'hello', name: '{{greeting}}' } };
    expect(cellParams(column, row)).toEqual({
      ok: true,
      value: { ...column.params, prompt: 'Say hello to {{greeting}}' },
    });
    const missing = cellParams(column, { id: 'case-8', values: { greeting: 'hi' } });
    expect(missing).toMatchObject({
      ok: false,
      error: {
        kind: 'invalid_input',
        param: 'name',
        message: 'case case-8: Fill in the variable "name" to run this prompt.',
      },
    });
  });
});
