import { useContext, useState } from 'react';
import type { HistorySummary, PriceTables } from '../../../../shared/api';
import { actualCost, sumCostPerDay, sumCostPerProfile, type CostTotals } from '../../../../shared/cost';
import { useApi } from '../../api/api-context';
import { useServerSelector } from '../../state/server-store';
import { useSettings } from '../../state/settings-store';
import { StoresContext } from '../../state/stores-context';
import { createStore, useStoreSelector, type Store } from '../../state/tiny-store';
import { formatTotals } from './format-cost';

/** Most runs summed at once: ten pages of the history list. */
const MAX_SUMMED = 10_000;
const PAGE = 1000;

const costOf = (row: HistorySummary, prices: PriceTables) =>
  row.profileId ? actualCost(row.usage, row.model, prices[row.profileId]) : undefined;

// The list is also drawn on its own (its tests): without the app's stores there are no prices to show.
const NO_PRICES: Pick<Store<{ prices: PriceTables }>, 'get' | 'subscribe'> = createStore({ prices: {} });

/** A history row's cost, from its usage and its profile's price table; nothing without either. */
export function HistoryRowCost({ row }: { row: HistorySummary }) {
  const stores = useContext(StoresContext);
  const source: Pick<Store<{ prices: PriceTables }>, 'get' | 'subscribe'> = stores?.server.store ?? NO_PRICES;
  const prices = useStoreSelector(source as Store<{ prices: PriceTables }>, (s) => s.prices);
  const cost = costOf(row, prices);
  return cost ? <span className="muted">· {formatTotals([cost])}</span> : null;
}

function TotalsTable({
  caption,
  totals,
  nameOf,
}: {
  caption: string;
  totals: CostTotals[];
  nameOf: (k: string) => string;
}) {
  return (
    <table className="server-params">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{caption.includes('day') ? 'Day' : 'Profile'}</th>
          <th scope="col">Cost</th>
          <th scope="col">Runs (without a price)</th>
        </tr>
      </thead>
      <tbody>
        {totals.map((t) => (
          <tr key={t.key}>
            <th scope="row">{nameOf(t.key)}</th>
            <td>
              {formatTotals(Object.entries(t.amounts).map(([currency, amount]) => ({ currency, amount }))) ||
                '—'}
            </td>
            <td>
              {t.runs} ({t.unpriced})
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** "Sum cost": every recorded run's cost, per day and per profile, read page by page when asked. */
export function HistoryCostSums() {
  const api = useApi();
  const prices = useServerSelector((s) => s.prices);
  const profiles = useSettings()?.profiles ?? [];
  const [rows, setRows] = useState<HistorySummary[]>();
  const [error, setError] = useState<string>();
  const load = async () => {
    const all: HistorySummary[] = [];
    for (let offset = 0; offset < MAX_SUMMED; offset += PAGE) {
      const page = await api.listHistory({ offset, limit: PAGE });
      if (!page.ok) return setError(page.error.message);
      all.push(...page.value.items);
      if (all.length >= page.value.total || page.value.items.length === 0) break;
    }
    setRows(all);
  };
  const records = (rows ?? []).map((r) => {
    const cost = costOf(r, prices);
    return { startedAt: r.startedAt, profileId: r.profileId ?? '', ...(cost ? { cost } : {}) };
  });
  const nameOf = (id: string) => profiles.find((p) => p.id === id)?.name ?? (id || 'unknown profile');
  return (
    <section className="history-cost" aria-label="Cost sums">
      <button type="button" className="button" onClick={() => void load()}>
        Sum cost
      </button>
      {error ? <p role="alert">History could not be read: {error}</p> : null}
      {rows ? (
        <>
          <TotalsTable caption="Cost per day" totals={sumCostPerDay(records)} nameOf={(k) => k} />
          <TotalsTable caption="Cost per profile" totals={sumCostPerProfile(records)} nameOf={nameOf} />
        </>
      ) : null}
    </section>
  );
}
