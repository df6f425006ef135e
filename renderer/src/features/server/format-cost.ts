import type { Cost } from '../../../../shared/cost';

/** An amount in its table's currency: cents for whole units, more digits for the fractions a short run costs. */
export const formatCost = (cost: Cost): string =>
  `${
    cost.amount >= 1
      ? cost.amount.toFixed(2)
      : cost.amount
          .toPrecision(3)
          .replace(/(\.\d*?)0+$/, '$1')
          .replace(/\.$/, '')
  } ${cost.currency}`;

/** Adds costs per currency; "0.0012 USD + 3.1 EUR" when profiles bill in several. */
export const formatTotals = (costs: readonly Cost[]): string => {
  const sums = new Map<string, number>();
  for (const c of costs) sums.set(c.currency, (sums.get(c.currency) ?? 0) + c.amount);
  return [...sums].map(([currency, amount]) => formatCost({ amount, currency })).join(' + ');
};
