import { describe, expect, it } from 'vitest';
import {
  diffAgainstPreset,
  diffSetups,
  differingKeys,
  formatParamValue,
  isModifiedFrom,
  valuesEqual,
  type Setup,
} from '../../shared/param-diff';

const base: Setup = {
  params: {
    model: 'm',
    prompt: 'hello',
    stream: true,
    temperature: 0.7,
    stop: ['a', 'b'],
    logit_bias: { '1': 5, '2': -5 },
  },
  extraBody: { top_k: 40 },
};
const withParams = (patch: Partial<Setup['params']>, extraBody = base.extraBody): Setup => ({
  params: { ...base.params, ...patch },
  ...(extraBody ? { extraBody } : {}),
});

describe('diffSetups', () => {
  it('finds nothing between equal setups (object key order does not matter)', () => {
    const same = withParams({ logit_bias: { '2': -5, '1': 5 } });
    expect(diffSetups(base, same)).toEqual([]);
  });

  it('tells set, unset and changed apart, in display order', () => {
    const after = withParams({ temperature: undefined, top_p: 0.9, model: 'n' });
    expect(diffSetups(base, after).map((c) => [c.key, c.change, c.before, c.after])).toEqual([
      ['model', 'changed', 'm', 'n'],
      ['temperature', 'unset', 0.7, undefined],
      ['top_p', 'set', undefined, 0.9],
    ]);
  });

  it('compares arrays in order and the extra body key by key', () => {
    const after = withParams({ stop: ['b', 'a'] }, { top_k: 50, min_p: 0.1 });
    expect(diffSetups(base, after).map((c) => `${c.key}:${c.change}`)).toEqual([
      'stop:changed',
      'extra.min_p:set',
      'extra.top_k:changed',
    ]);
  });

  it('compares what would be sent: an empty stop list or bias table is the same as not set', () => {
    const unset = withParams({ stop: undefined, logit_bias: undefined });
    expect(diffSetups(unset, withParams({ stop: [], logit_bias: {} }))).toEqual([]);
    expect(
      isModifiedFrom({ ...unset, includesPrompt: false }, withParams({ stop: [], logit_bias: undefined })),
    ).toBe(false);
    expect(diffSetups(unset, withParams({ stop: ['x'], logit_bias: {} })).map((c) => c.key)).toEqual([
      'stop',
    ]);
  });

  it('shows the stream switch as set, even when best_of turns streaming off in the body', () => {
    const offByBestOf = withParams({ best_of: 2 });
    expect(diffSetups(offByBestOf, withParams({ best_of: 2, stream: false })).map((c) => c.key)).toEqual([
      'stream',
    ]);
  });

  it('ignores the prompt when asked (a preset without its prompt)', () => {
    const after = withParams({ prompt: 'other' });
    expect(diffSetups(base, after, { includePrompt: false })).toEqual([]);
    expect(isModifiedFrom({ ...base, includesPrompt: false }, after)).toBe(false);
    expect(isModifiedFrom({ ...base, includesPrompt: true }, after)).toBe(true);
    expect(diffAgainstPreset({ ...base, includesPrompt: true }, after)[0]).toMatchObject({
      key: 'prompt',
      label: 'Prompt',
    });
  });
});

describe('differingKeys', () => {
  it('marks every key on which any column differs', () => {
    const cols = [base, withParams({ temperature: 1 }), withParams({ seed: 3 })];
    expect([...differingKeys(cols)].sort()).toEqual(['seed', 'temperature']);
    expect(differingKeys([base]).size).toBe(0);
    expect(differingKeys([]).size).toBe(0);
  });
});

describe('helpers', () => {
  it('valuesEqual treats undefined members as absent', () => {
    expect(valuesEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(valuesEqual([1, 2], [1, 2, 3])).toBe(false);
    expect(valuesEqual({ a: [1] }, { a: { 0: 1 } })).toBe(false);
    expect(valuesEqual(Number.NaN, Number.NaN)).toBe(true);
  });

  it('formats values for display', () => {
    expect(formatParamValue(undefined)).toBe('not set');
    expect(formatParamValue(0.5)).toBe('0.5');
    expect(formatParamValue(['\n'])).toBe('["\\n"]');
    expect(formatParamValue('x'.repeat(200), 10)).toHaveLength(10);
  });
});
