/**
 * What runs cost: a per-profile price table the user types in (input and output price per 1M tokens, per model), the
 * estimate before a run, the actual cost from `usage` after it, and sums per day and per profile. A price table is
 * the user's own business: it lives in settings only, never in presets, share codes or exports (withoutPrices).
 */
import { z } from 'zod';
import type { CompletionParams } from './params';
import type { Usage } from './run-events';
import { FORBIDDEN_KEYS } from './schemas';

/** Most models one price table may list. */
export const MAX_PRICED_MODELS = 500;

const price = z.number().min(0).max(1_000_000);

/** One model's prices, per 1M tokens, in the table's currency. */
export const modelPriceSchema = z.strictObject({ inputPerMillion: price, outputPerMillion: price });

/** A profile's price table. */
export const priceTableSchema = z.strictObject({
  /** Whatever the user bills in; shown next to every amount ("USD", "EUR", "credits"). */
  currency: z.string().trim().min(1).max(12),
  models: z
    .record(
      z
        .string()
        .min(1)
        .max(300)
        .refine((k) => !FORBIDDEN_KEYS.has(k), { message: 'reserved key name' }),
      modelPriceSchema,
    )
    .refine((m) => Object.keys(m).length <= MAX_PRICED_MODELS, {
      message: `at most ${MAX_PRICED_MODELS} priced models`,
    }),
});

/** One model's prices. */
export type ModelPrice = z.infer<typeof modelPriceSchema>;

/** A profile's price table. */
export type PriceTable = z.infer<typeof priceTableSchema>;

/** An amount of money in a table's currency. */
export interface Cost {
  amount: number;
  currency: string;
}

/** The price of a model in a table, if the user entered one. */
export const priceFor = (table: PriceTable | undefined, model: string): ModelPrice | undefined =>
  table && Object.hasOwn(table.models, model) ? table.models[model] : undefined;

const PER = 1_000_000;

/** The cost before a run: an upper bound, with the token counts it assumed. */
export interface CostEstimate {
  /** Prompt tokens × the sequences generated (n, or best_of when set). */
  inputTokens: number;
  /** max_tokens × the sequences; undefined when max_tokens is not set (the server decides how long to go). */
  outputTokens: number | undefined;
  input: Cost;
  output: Cost | undefined;
  /** Undefined while the output side is unknown. */
  total: Cost | undefined;
}

/**
 * Estimates a run's cost: prompt × n (× best_of, which generates that many candidates) in, and max_tokens for every
 * candidate out. It is a ceiling: servers that bill the prompt once per request, or choices that stop early, cost
 * less. Undefined when the table has no price for the model.
 */
export const estimateCost = (
  params: Pick<CompletionParams, 'model' | 'n' | 'best_of' | 'max_tokens'>,
  promptTokens: number,
  table: PriceTable | undefined,
): CostEstimate | undefined => {
  const p = priceFor(table, params.model);
  if (!p || !table) return undefined;
  const sequences = Math.max(1, params.n ?? 1, params.best_of ?? 1);
  const inputTokens = promptTokens * sequences;
  const outputTokens = params.max_tokens === undefined ? undefined : params.max_tokens * sequences;
  const money = (amount: number): Cost => ({ amount, currency: table.currency });
  const input = money((inputTokens * p.inputPerMillion) / PER);
  const output = outputTokens === undefined ? undefined : money((outputTokens * p.outputPerMillion) / PER);
  return { inputTokens, outputTokens, input, output, total: output && money(input.amount + output.amount) };
};

/** The cost of a finished run from the usage the server reported; undefined without a price or usage. */
export const actualCost = (
  usage: Usage | undefined,
  model: string,
  table: PriceTable | undefined,
): Cost | undefined => {
  const p = priceFor(table, model);
  if (!p || !table || !usage) return undefined;
  const { prompt_tokens: input, completion_tokens: output } = usage;
  if (input === undefined && output === undefined) return undefined;
  const amount = ((input ?? 0) * p.inputPerMillion + (output ?? 0) * p.outputPerMillion) / PER;
  return { amount, currency: table.currency };
};

/** A run as the sums need it (a history summary carries these once cost is recorded per run). */
export interface CostRecord {
  startedAt: number;
  profileId: string;
  /** Undefined for runs without a price (or without usage). */
  cost?: Cost;
}

/** The sum of one group: amounts per currency (profiles may bill in different ones), runs, and runs without a cost. */
export interface CostTotals {
  key: string;
  amounts: Record<string, number>;
  runs: number;
  unpriced: number;
}

/** The local calendar day of a time, as YYYY-MM-DD. */
export const localDay = (ms: number): string => {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

const sumBy = (records: Iterable<CostRecord>, keyOf: (r: CostRecord) => string): CostTotals[] => {
  const groups = new Map<string, CostTotals>();
  for (const r of records) {
    const key = keyOf(r);
    const g = groups.get(key) ?? { key, amounts: {}, runs: 0, unpriced: 0 };
    groups.set(key, g);
    g.runs++;
    if (!r.cost) g.unpriced++;
    else g.amounts[r.cost.currency] = (g.amounts[r.cost.currency] ?? 0) + r.cost.amount;
  }
  return [...groups.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
};

/** Cost per day, oldest day first; `dayOf` defaults to the local calendar day. */
export const sumCostPerDay = (records: Iterable<CostRecord>, dayOf: (ms: number) => string = localDay) =>
  sumBy(records, (r) => dayOf(r.startedAt));

/** Cost per profile id. */
export const sumCostPerProfile = (records: Iterable<CostRecord>) => sumBy(records, (r) => r.profileId);

/** The same object without its `prices` field: what any export or share of a profile-like value must go through. */
export const withoutPrices = <T extends object>(value: T): Omit<T, 'prices'> => {
  const { prices: _prices, ...rest } = value as T & { prices?: unknown };
  return rest;
};

/** Whether a JSON value holds a price table anywhere (a `prices` key, or an object shaped like one). */
export const containsPriceTable = (value: unknown, depth = 0): boolean => {
  if (depth > 64 || typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some((v) => containsPriceTable(v, depth + 1));
  if ('prices' in value || priceTableSchema.safeParse(value).success) return true;
  return Object.values(value).some((v) => containsPriceTable(v, depth + 1));
};
