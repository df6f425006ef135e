import { describe, expect, it } from 'vitest';
import {
  actualCost,
  containsPriceTable,
  estimateCost,
  priceFor,
  priceTableSchema,
  sumCostPerDay,
  sumCostPerProfile,
  withoutPrices,
  type CostRecord,
  type PriceTable,
} from '../../shared/cost';
import { createPresetFile, serializePresetFile, validatePresetFile } from '../../shared/preset-format';
import type { Preset } from '../../shared/schemas';
import { decodeShareCode, encodeShareCode } from '../../shared/share-code';

const TABLE: PriceTable = {
  currency: 'USD',
  models: { 'gpt-4o-mini': { inputPerMillion: 2, outputPerMillion: 10 } },
};

describe('price tables', () => {
  it('the schema takes prices per 1M tokens and refuses negatives, extra fields and reserved model names', () => {
    expect(priceTableSchema.parse(TABLE)).toEqual(TABLE);
    const bad = [
      { ...TABLE, models: { m: { inputPerMillion: -1, outputPerMillion: 1 } } },
      { ...TABLE, models: { m: { inputPerMillion: 1, outputPerMillion: 1, perRequest: 1 } } },
      { ...TABLE, models: { constructor: { inputPerMillion: 1, outputPerMillion: 1 } } },
      { ...TABLE, currency: '' },
      { ...TABLE, apiKey: 'sk-x' },
    ];
    for (const table of bad) expect(priceTableSchema.safeParse(table).success).toBe(false);
    // A `__proto__` key from JSON is dropped by the schema, so it never reaches a prototype.
    const proto = JSON.parse('{"__proto__":{"inputPerMillion":1,"outputPerMillion":1}}') as unknown;
    const parsed = priceTableSchema.parse({ ...TABLE, models: proto });
    expect(Object.keys(parsed.models)).toEqual([]);
    expect(Object.getPrototypeOf(parsed.models)).toBe(Object.prototype);
  });

  it('a model is priced only by its own entry, never by Object.prototype', () => {
    expect(priceFor(TABLE, 'gpt-4o-mini')).toEqual({ inputPerMillion: 2, outputPerMillion: 10 });
    expect(priceFor(TABLE, 'toString')).toBeUndefined();
    expect(priceFor(undefined, 'gpt-4o-mini')).toBeUndefined();
  });
});

describe('cost before and after a run', () => {
  it('estimates prompt × n + max_tokens per choice', () => {
    const e = estimateCost({ model: 'gpt-4o-mini', n: 2, max_tokens: 100 }, 1_000, TABLE);
    expect(e?.inputTokens).toBe(2_000);
    expect(e?.outputTokens).toBe(200);
    expect(e?.input.amount).toBeCloseTo(0.004, 12);
    expect(e?.output?.amount).toBeCloseTo(0.002, 12);
    expect(e?.total).toEqual({ amount: expect.closeTo(0.006, 12) as number, currency: 'USD' });
  });

  it('counts every best_of candidate, and leaves the output open when max_tokens is not set', () => {
    const best = estimateCost({ model: 'gpt-4o-mini', n: 1, best_of: 3, max_tokens: 10 }, 100, TABLE);
    expect([best?.inputTokens, best?.outputTokens]).toEqual([300, 30]);
    const open = estimateCost({ model: 'gpt-4o-mini' }, 100, TABLE);
    expect(open).toMatchObject({
      inputTokens: 100,
      outputTokens: undefined,
      output: undefined,
      total: undefined,
    });
    expect(estimateCost({ model: 'unpriced', max_tokens: 5 }, 100, TABLE)).toBeUndefined();
  });

  it('takes the actual cost from usage', () => {
    const cost = actualCost(
      { prompt_tokens: 1_000, completion_tokens: 500, total_tokens: 1_500 },
      'gpt-4o-mini',
      TABLE,
    );
    expect(cost?.amount).toBeCloseTo(0.007, 12);
    expect(cost?.currency).toBe('USD');
    expect(actualCost(undefined, 'gpt-4o-mini', TABLE)).toBeUndefined();
    expect(actualCost({}, 'gpt-4o-mini', TABLE)).toBeUndefined();
    expect(actualCost({ prompt_tokens: 10 }, 'other', TABLE)).toBeUndefined();
  });
});

describe('cost totals over history', () => {
  const DAY = 86_400_000;
  const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const records: CostRecord[] = [
    { startedAt: 0, profileId: 'local', cost: { amount: 0.5, currency: 'USD' } },
    { startedAt: 1_000, profileId: 'r9s', cost: { amount: 0.25, currency: 'USD' } },
    { startedAt: DAY + 5, profileId: 'r9s', cost: { amount: 2, currency: 'EUR' } },
    { startedAt: DAY + 6, profileId: 'local' },
  ];

  it('sums per day, per currency, and counts runs without a cost', () => {
    expect(sumCostPerDay(records, utcDay)).toEqual([
      { key: '1970-01-01', amounts: { USD: 0.75 }, runs: 2, unpriced: 0 },
      { key: '1970-01-02', amounts: { EUR: 2 }, runs: 2, unpriced: 1 },
    ]);
  });

  it('sums per profile', () => {
    expect(sumCostPerProfile(records)).toEqual([
      { key: 'local', amounts: { USD: 0.5 }, runs: 2, unpriced: 1 },
      { key: 'r9s', amounts: { USD: 0.25, EUR: 2 }, runs: 2, unpriced: 0 },
    ]);
  });
});

describe('price tables never leave the app', () => {
  const preset: Preset = {
    id: 'p1',
    name: 'Cheap',
    description: '',
    params: { model: 'gpt-4o-mini', prompt: 'Hi', stream: true, max_tokens: 10 },
    includesPrompt: true,
    createdAt: 1,
    updatedAt: 1,
  };

  it('withoutPrices drops the table from a profile-like value, and containsPriceTable finds one anywhere', () => {
    const profile = { id: 'r9s', name: 'r9s', prices: TABLE };
    expect(withoutPrices(profile)).toEqual({ id: 'r9s', name: 'r9s' });
    expect(containsPriceTable(profile)).toBe(true);
    expect(containsPriceTable({ deep: [{ table: TABLE }] })).toBe(true);
    expect(containsPriceTable(withoutPrices(profile))).toBe(false);
  });

  it('a preset file and its share code carry no price table, even from a preset object that holds one', () => {
    const leaky = { ...preset, prices: TABLE } as Preset;
    const file = createPresetFile([leaky], { includeBaseUrl: 'https://api.r9s.ai/v1' });
    expect(containsPriceTable(JSON.parse(serializePresetFile(file)))).toBe(false);
    const decoded = decodeShareCode(encodeShareCode(file));
    expect(decoded.ok).toBe(true);
    expect(containsPriceTable(decoded.ok ? decoded.value : undefined)).toBe(false);
  });

  it('an imported preset file that carries prices is refused', () => {
    const file = createPresetFile([preset]);
    expect(validatePresetFile({ ...file, prices: TABLE }).ok).toBe(false);
    const [first] = file.presets;
    expect(validatePresetFile({ ...file, presets: [{ ...first, prices: TABLE }] }).ok).toBe(false);
  });
});
