/**
 * Parameter sweep: a grid such as temperature 0.2…1.0 step 0.4 × top_p {0.9, 1} becomes one compare
 * column per combination, all with the same fixed seed so only the swept parameters differ.
 */
import { clampToSpec, paramSpec, PARAM_SPECS, type CompletionParams, type OptionalParamKey } from './params';
import type { Setup } from './param-diff';
import { fail, ok, type Result } from './result';

/** Most compare columns (and so most sweep combinations). */
export const MAX_COMPARE_COLUMNS = 8;

/** Fewest compare columns. */
export const MIN_COMPARE_COLUMNS = 2;

/** Parameters a sweep can vary: the numeric ones. */
export const SWEEPABLE_PARAMS: readonly OptionalParamKey[] = PARAM_SPECS.filter(
  (s) => (s.kind === 'number' || s.kind === 'integer') && s.wire !== 'seed',
).map((s) => s.wire);

/** One axis of the grid. */
export interface SweepAxis {
  param: OptionalParamKey;
  values: number[];
}

/** One column the sweep produced, with a label naming its values. */
export interface SweepColumn extends Setup {
  label: string;
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;

/** `from`, `from + step`, … up to `to` inclusive (float noise rounded away); empty on a bad step. */
export const rangeValues = (from: number, to: number, step: number): number[] => {
  if (!Number.isFinite(from) || !Number.isFinite(to) || !Number.isFinite(step) || step <= 0 || to < from)
    return [];
  const count = Math.floor(round((to - from) / step)) + 1;
  if (count > 1000) return [];
  return Array.from({ length: count }, (_, i) => round(from + i * step));
};

/**
 * Reads what the user types for an axis: a list `0.9, 1` or a range `0.2..1.0 step 0.4` (also `0.2…1.0:0.4`).
 */
export const parseSweepValues = (text: string): Result<number[]> => {
  const t = text.trim();
  const range = /^(-?[\d.]+)\s*(?:\.\.\.?|…|-|to)\s*(-?[\d.]+)\s*(?:step|:|by)\s*([\d.]+)$/i.exec(t);
  if (range) {
    const values = rangeValues(Number(range[1]), Number(range[2]), Number(range[3]));
    return values.length > 0 ? ok(values) : fail('invalid_input', `"${t}" is not a usable range`);
  }
  const parts = t.split(/[\s,;{}]+/).filter(Boolean);
  const values = parts.map(Number);
  if (parts.length === 0 || values.some((v) => !Number.isFinite(v))) {
    return fail(
      'invalid_input',
      `"${t}": expected numbers like "0.9, 1" or a range like "0.2..1.0 step 0.4"`,
    );
  }
  return ok([...new Set(values)]);
};

const label = (combo: readonly { param: OptionalParamKey; value: number }[]) =>
  combo.map((c) => `${c.param}=${c.value}`).join(', ');

/**
 * The grid as columns: every combination of the axes applied to the base setup, with the seed fixed.
 * Fails (naming the limit) when the grid has more than MAX_COMPARE_COLUMNS combinations or a value is out of range.
 */
export const buildSweep = (base: Setup, axes: readonly SweepAxis[], seed: number): Result<SweepColumn[]> => {
  if (axes.length === 0) return fail('invalid_input', 'add at least one parameter to sweep');
  const seen = new Set<OptionalParamKey>();
  for (const axis of axes) {
    if (!SWEEPABLE_PARAMS.includes(axis.param)) {
      return fail('invalid_input', `${axis.param} cannot be swept`, { param: axis.param });
    }
    if (seen.has(axis.param))
      return fail('invalid_input', `${axis.param} appears twice`, { param: axis.param });
    seen.add(axis.param);
    if (axis.values.length === 0)
      return fail('invalid_input', `${axis.param}: no values`, { param: axis.param });
    const spec = paramSpec(axis.param);
    for (const v of axis.values) {
      if (clampToSpec(spec, v).clamped) {
        return fail(
          'invalid_input',
          `${axis.param}: ${v} is outside ${spec.min ?? '-∞'}…${spec.max ?? '∞'}`,
          {
            param: axis.param,
          },
        );
      }
    }
  }
  if (!Number.isInteger(seed))
    return fail('invalid_input', 'the seed must be a whole number', { param: 'seed' });
  const total = axes.reduce((n, a) => n * a.values.length, 1);
  if (total > MAX_COMPARE_COLUMNS) {
    return fail('invalid_input', `the grid makes ${total} columns; at most ${MAX_COMPARE_COLUMNS} fit`);
  }
  let combos: { param: OptionalParamKey; value: number }[][] = [[]];
  for (const axis of axes) {
    combos = combos.flatMap((c) => axis.values.map((value) => [...c, { param: axis.param, value }]));
  }
  return ok(
    combos.map((combo) => {
      const params: CompletionParams = { ...base.params, seed };
      for (const { param, value } of combo) (params as unknown as Record<string, number>)[param] = value;
      return { params, ...(base.extraBody ? { extraBody: base.extraBody } : {}), label: label(combo) };
    }),
  );
};
