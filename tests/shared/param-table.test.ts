/**
 * The parameter table is the single source: the request schema, the starting setup, the extra body's reserved keys
 * and the rules between parameters all follow its rows.
 */
import { describe, expect, it } from 'vitest';
import { paramConflicts, paramNote } from '../../shared/param-rules';
import { DEFAULT_PARAMS, PARAM_SPECS, PARAM_TABLE, type CompletionParams } from '../../shared/params';
import { BODY_OWN_KEYS, dropUnset } from '../../shared/request-body';
import { completionParamsSchema } from '../../shared/schemas';

const base: CompletionParams = { model: 'm', prompt: 'p', stream: true };
const accepts = (patch: Record<string, unknown>) =>
  completionParamsSchema.safeParse({ ...base, ...patch }).success;
const ids = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [String(i), 1]));

describe('the schema derived from the table', () => {
  it.each(PARAM_SPECS.filter((s) => s.kind === 'number' || s.kind === 'integer'))(
    '$wire keeps to [min, max] of its row',
    (spec) => {
      if (spec.min === undefined || spec.max === undefined) throw new Error('numeric rows have a range');
      expect(accepts({ [spec.wire]: spec.min })).toBe(true);
      expect(accepts({ [spec.wire]: spec.max })).toBe(true);
      expect(accepts({ [spec.wire]: spec.min - 1 })).toBe(false);
      expect(accepts({ [spec.wire]: spec.max + 1 })).toBe(false);
      expect(accepts({ [spec.wire]: String(spec.min) })).toBe(false);
      // Half-way between two whole numbers near the middle (the seed's ends are too large to hold a fraction).
      const fraction = Math.floor((spec.min + spec.max) / 2) + 0.5;
      expect(accepts({ [spec.wire]: fraction })).toBe(spec.kind === 'number');
    },
  );

  it('keeps to the stop row: its count, its item length, no empty item', () => {
    const { maxItems, maxItemLength } = PARAM_TABLE.stop;
    expect(accepts({ stop: Array.from({ length: maxItems }, (_, i) => `s${i}`) })).toBe(true);
    expect(accepts({ stop: Array.from({ length: maxItems + 1 }, (_, i) => `s${i}`) })).toBe(false);
    expect(accepts({ stop: ['x'.repeat(maxItemLength)] })).toBe(true);
    expect(accepts({ stop: ['x'.repeat(maxItemLength + 1)] })).toBe(false);
    expect(accepts({ stop: [''] })).toBe(false);
  });

  it('keeps to the logit bias row: bias range, entry count, whole-number token ids', () => {
    const { min, max, maxEntries } = PARAM_TABLE.logit_bias;
    expect(accepts({ logit_bias: { '50256': min, '1': max } })).toBe(true);
    expect(accepts({ logit_bias: { '50256': min - 1 } })).toBe(false);
    expect(accepts({ logit_bias: { '50256': max + 1 } })).toBe(false);
    expect(accepts({ logit_bias: ids(maxEntries) })).toBe(true);
    expect(accepts({ logit_bias: ids(maxEntries + 1) })).toBe(false);
    expect(accepts({ logit_bias: { abc: 1 } })).toBe(false);
  });

  it('keeps to the user row and the boolean echo', () => {
    const { maxLength } = PARAM_TABLE.user;
    expect(accepts({ user: 'u'.repeat(maxLength) })).toBe(true);
    expect(accepts({ user: 'u'.repeat(maxLength + 1) })).toBe(false);
    expect(accepts({ echo: false })).toBe(true);
    expect(accepts({ echo: 'yes' })).toBe(false);
  });

  it('refuses keys that are not in the table', () => {
    expect(accepts({ top_k: 40 })).toBe(false);
  });

  it('refuses best_of below n, on best_of, with the same conflict the panel explains', () => {
    const parsed = completionParamsSchema.safeParse({ ...base, n: 3, best_of: 2 });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({
      path: ['best_of'],
      message: 'best_of must be at least n',
    });
    expect(paramConflicts({ n: 3, best_of: 2 })).toEqual([expect.objectContaining({ param: 'best_of' })]);
    expect(paramNote({ n: 3, best_of: 2 }, 'best_of')).toMatch(/^Best of \(2\) must be at least N \(3\)/);
    expect(paramNote({ n: 3, best_of: 2 }, 'n')).toBeUndefined();
    expect(accepts({ n: 3, best_of: 3 })).toBe(true);
    expect(paramNote({ best_of: 2, stream: true }, 'best_of')).toMatch(/^Best of > 1 cannot stream/);
    expect(paramNote({ best_of: 2, stream: false }, 'best_of')).toBeUndefined();
  });
});

describe('what else the table decides', () => {
  it('starts a new user with the rows marked as initially set, at their defaults', () => {
    expect(DEFAULT_PARAMS).toEqual({
      model: '',
      prompt: '',
      stream: true,
      temperature: PARAM_TABLE.temperature.default,
      max_tokens: PARAM_TABLE.max_tokens.default,
    });
    expect(completionParamsSchema.safeParse(DEFAULT_PARAMS).success).toBe(true);
  });

  it('reserves model, prompt, stream and every row for the body builder', () => {
    expect([...BODY_OWN_KEYS].sort()).toEqual(
      ['model', 'prompt', 'stream', ...PARAM_SPECS.map((s) => s.wire)].sort(),
    );
  });

  it('dropUnset removes only the unset keys', () => {
    const out = dropUnset({ ...base, temperature: undefined, seed: 0, stop: [], echo: false });
    expect(out).toEqual({ ...base, seed: 0, stop: [], echo: false });
    expect(Object.keys(out)).not.toContain('temperature');
  });
});
