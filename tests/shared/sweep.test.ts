import type { Result } from '../../shared/result';
import { describe, expect, it } from 'vitest';
import { buildSweep, MAX_COMPARE_COLUMNS, parseSweepValues, rangeValues } from '../../shared/sweep';
import type { Setup } from '../../shared/param-diff';

/** The message of a failed Result ('' when it succeeded). */
const errorOf = (r: Result<unknown>): string => (r.ok ? '' : r.error.message);

const base: Setup = { params: { model: 'm', prompt: 'p', stream: true, temperature: 0.7, max_tokens: 32 } };

describe('sweep values', () => {
  it('expands ranges without float noise', () => {
    expect(rangeValues(0.2, 1.0, 0.4)).toEqual([0.2, 0.6, 1]);
    expect(rangeValues(0.1, 0.3, 0.1)).toEqual([0.1, 0.2, 0.3]);
    expect(rangeValues(1, 0, 0.1)).toEqual([]);
    expect(rangeValues(0, 1, 0)).toEqual([]);
  });

  it('parses lists and ranges as typed', () => {
    expect(parseSweepValues('0.2..1.0 step 0.4')).toEqual({ ok: true, value: [0.2, 0.6, 1] });
    expect(parseSweepValues('0.2…1.0:0.4')).toEqual({ ok: true, value: [0.2, 0.6, 1] });
    expect(parseSweepValues('{0.9, 1}')).toEqual({ ok: true, value: [0.9, 1] });
    expect(parseSweepValues('0.9 0.9 1')).toEqual({ ok: true, value: [0.9, 1] });
    expect(parseSweepValues('abc').ok).toBe(false);
    expect(parseSweepValues('').ok).toBe(false);
  });
});

describe('buildSweep', () => {
  it('makes the grid temperature 0.2…1.0 step 0.4 × top_p {0.9, 1} with a fixed seed', () => {
    const r = buildSweep(
      base,
      [
        { param: 'temperature', values: [0.2, 0.6, 1] },
        { param: 'top_p', values: [0.9, 1] },
      ],
      42,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toHaveLength(6);
    expect(r.value.map((c) => [c.params.temperature, c.params.top_p])).toEqual([
      [0.2, 0.9],
      [0.2, 1],
      [0.6, 0.9],
      [0.6, 1],
      [1, 0.9],
      [1, 1],
    ]);
    expect(new Set(r.value.map((c) => c.params.seed))).toEqual(new Set([42]));
    expect(r.value.every((c) => c.params.max_tokens === 32 && c.params.prompt === 'p')).toBe(true);
    expect(r.value[0]!.label).toBe('temperature=0.2, top_p=0.9');
  });

  it(`refuses more than ${MAX_COMPARE_COLUMNS} columns, values out of range and unsweepable parameters`, () => {
    const many = buildSweep(
      base,
      [{ param: 'temperature', values: [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2] }],
      1,
    );
    expect(errorOf(many)).toMatch(/9 columns; at most 8/);
    expect(buildSweep(base, [{ param: 'top_p', values: [1.5] }], 1)).toMatchObject({
      ok: false,
      error: { param: 'top_p' },
    });
    expect(buildSweep(base, [{ param: 'echo', values: [1] }], 1).ok).toBe(false);
    expect(buildSweep(base, [{ param: 'max_tokens', values: [1.5] }], 1).ok).toBe(false);
    expect(buildSweep(base, [], 1).ok).toBe(false);
    expect(buildSweep(base, [{ param: 'temperature', values: [1] }], 1.5).ok).toBe(false);
  });
});
