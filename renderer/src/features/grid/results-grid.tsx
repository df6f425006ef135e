// placeholder, replaced by the results grid at merge
import type { CellResult } from '../../../../shared/grid/grid-types';
import type { ImportedGrid } from '../../../../shared/grid/result-line';

/** Props of the results grid (the interface the grid run renders; the full component owns everything else). */
export interface ResultsGridProps {
  /** Cases (rows), columns (setups) and every finished cell, repeats included (cell key = case|column|repeat). */
  data: ImportedGrid;
  /** Keys of cells running now (drawn as running). */
  running?: ReadonlySet<string>;
  /** "Repeat ×k" on a cell (columnId given) or a row (columnId absent); the button is hidden when absent. */
  onRepeat?: (target: { caseId: string; columnId?: string }, times: number) => void;
  /** Runs one failed cell again; hidden when absent. */
  onRetry?: (cellKey: string) => void;
  /** Restores a cell's exact setup (see shared/grid/result-line.ts setupOfLine) into the editor. */
  onUseSetup?: (result: CellResult) => void;
}

/** A plain table: a row per case, a cell per column with its latest output, "Repeat" per row. */
export function ResultsGrid({ data, running, onRepeat, onRetry }: ResultsGridProps) {
  const latest = new Map<string, CellResult>();
  for (const r of data.results) {
    const key = `${r.caseId}|${r.columnId}`;
    const seen = latest.get(key);
    if (!seen || seen.repeat <= r.repeat) latest.set(key, r);
  }
  return (
    <table role="grid" aria-label="Results" className="results-grid">
      <thead>
        <tr role="row">
          <th role="columnheader">Case</th>
          {data.columns.map((c) => (
            <th key={c.id} role="columnheader">
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {data.cases.map((row) => (
          <tr key={row.id} role="row">
            <th role="rowheader">
              {row.id}
              {onRepeat ? (
                <button type="button" className="button" onClick={() => onRepeat({ caseId: row.id }, 3)}>
                  Repeat
                </button>
              ) : null}
            </th>
            {data.columns.map((c) => {
              const r = latest.get(`${row.id}|${c.id}`);
              const isRunning = [...(running ?? [])].some((k) => k.startsWith(`${row.id}|${c.id}|`));
              return (
                <td key={c.id} role="gridcell">
                  {isRunning ? <span className="muted">running…</span> : null}
                  {r?.status === 'failed' ? (
                    <>
                      <span className="badge badge-warn">{r.error?.message ?? 'failed'}</span>
                      {onRetry ? (
                        <button type="button" className="button" onClick={() => onRetry(r.key)}>
                          Retry
                        </button>
                      ) : null}
                    </>
                  ) : (
                    <pre className="results-output">{r?.outputs[0] ?? ''}</pre>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
