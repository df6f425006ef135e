import { actualCost, type Cost } from '../../../../shared/cost';
import type { ColumnRunIds } from '../compare/use-compare-runs';
import { useServerSelector } from '../../state/server-store';
import { useStores } from '../../state/stores-context';
import { useStoreSelector, type Store } from '../../state/tiny-store';
import { formatTotals } from './format-cost';

/**
 * Compare's total: the actual cost of every column's last run, summed per currency; nothing while no run has a price.
 * Each column shows its own cost in its metrics line.
 */
export function CompareCostTotal({
  columnRuns,
  columnIds,
}: {
  columnRuns: Store<ColumnRunIds>;
  columnIds: readonly string[];
}) {
  const ids = useStoreSelector(columnRuns, (s) => s);
  const prices = useServerSelector((s) => s.prices);
  const text = useStoreSelector(useStores().runs.store, (runs) => {
    const costs: Cost[] = [];
    for (const col of columnIds) {
      const run = ids[col] === undefined ? undefined : runs[ids[col]];
      const cost =
        run?.model && run.profileId ? actualCost(run.usage, run.model, prices[run.profileId]) : undefined;
      if (cost) costs.push(cost);
    }
    return costs.length > 0
      ? `Total cost ${formatTotals(costs)} (${costs.length} of ${columnIds.length} columns priced)`
      : '';
  });
  return text ? <span className="muted compare-cost">{text}</span> : null;
}
