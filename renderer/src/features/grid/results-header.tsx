import { memo } from 'react';
import type { GridColumn } from '../../../../shared/grid/grid-types';
import type { ColumnPassRate } from '../../../../shared/grid/pass-rates';
import { visibleText } from '../../../../shared/visible-text';

/** The grid's header row: each setup's label, model, profile and pass rate; sticky while the rows scroll. */
export const ResultsHeader = memo(function ResultsHeader({
  columns,
  rates,
  template,
}: {
  columns: readonly GridColumn[];
  rates: readonly ColumnPassRate[];
  template: string;
}) {
  return (
    <div role="rowgroup" className="results-head">
      <div role="row" aria-rowindex={1} className="results-row" style={{ gridTemplateColumns: template }}>
        <div role="columnheader" aria-colindex={1} className="results-colhead">
          Case
        </div>
        {columns.map((c, i) => {
          const rate = rates[i];
          return (
            <div key={c.id} role="columnheader" aria-colindex={i + 2} className="results-colhead">
              <strong>{visibleText(c.label)}</strong>
              <span className="muted">
                {visibleText(c.params.model)}
                {c.profileName ? ` · ${visibleText(c.profileName)}` : ''}
              </span>
              {rate?.rate !== undefined ? (
                <span className="results-rate-line">
                  pass {rate.passed}/{rate.evaluated} ({Math.round(rate.rate * 100)}%)
                </span>
              ) : null}
            </div>
          );
        })}
      </div>
    </div>
  );
});
