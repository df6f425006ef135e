import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { SettingsView } from '../../../../shared/api';
import { actualCost } from '../../../../shared/cost';
import type { CellRun } from '../../../../shared/grid/grid-types';
import type { Preset } from '../../../../shared/schemas';
import type { CaseTable } from '../../../../shared/cases/case-set';
import { variablesOf } from '../../../../shared/template';
import { useApi } from '../../api/api-context';
import { useDraftActions } from '../../state/draft-store';
import { useStores } from '../../state/stores-context';
import { createStore, useStoreSelector, type Store } from '../../state/tiny-store';
import { EMPTY_TABLE } from './case-edits';
import { CasesPanel } from './cases-panel';
import { createGridRun, type GridRun } from './grid-run';
import { endpointOfProfile, gridPlanOf, type GridSource } from './grid-plan-of';
import { GridProgressBar } from './grid-progress';
import { ResultsGrid } from './results-grid';

/** What the grid keeps while Compare is closed: the case table and the grid run (page lifetime). */
export interface GridSession {
  cases: Store<CaseTable>;
  grid: Store<GridRun | undefined>;
  /** True the first time it is called: the stored grid is looked for once per page. */
  claimRestore: () => boolean;
}

/** Props of the grid panel. */
interface GridPanelProps {
  session: GridSession;
  columns: readonly GridSource[];
  prompt: string;
  settings: SettingsView | null;
  /** The presets the columns use, for "Export with presets". */
  presets: readonly Preset[];
}

/** "Run grid": a new grid of every case × every column. */
function RunGridButton({ disabled, onRun }: { disabled: boolean; onRun: () => void }) {
  return (
    <button type="button" className="button button-primary" disabled={disabled} onClick={onRun}>
      Run grid
    </button>
  );
}

/** Props of one grid run's view. */
interface GridRunViewProps {
  grid: GridRun;
  restored: boolean;
  canStart: boolean;
  onRunGrid: () => void;
  /** Stops the grid and forgets it (its runs stay in History). */
  onClear: () => void;
}

/** The run controls and results of one grid run. */
function GridRunView({ grid, restored, canStart, onRunGrid, onClear }: GridRunViewProps) {
  const view = useStoreSelector(grid.view, (v) => v);
  const { replaceDraft } = useDraftActions();
  const { progress } = view;
  const canResume = !progress.isRunning && progress.remaining > 0;
  return (
    <>
      <div className="grid-controls">
        <RunGridButton disabled={progress.isRunning || !canStart} onRun={onRunGrid} />
        {progress.isRunning ? (
          <button type="button" className="button" onClick={() => void grid.stop()}>
            Stop grid
          </button>
        ) : null}
        {canResume ? (
          <button type="button" className="button button-primary" onClick={() => void grid.run()}>
            Resume
          </button>
        ) : null}
        <button type="button" className="button" onClick={onClear}>
          Clear grid
        </button>
        {restored && canResume ? (
          <span className="muted" role="status">
            An unfinished grid from {new Date(grid.plan.createdAt).toLocaleString()} can be resumed: only the
            cells not done run.
          </span>
        ) : null}
      </div>
      <GridProgressBar progress={progress} />
      {view.saveError ? (
        <p className="run-refusal" role="alert">
          {view.saveError}
        </p>
      ) : null}
      <ResultsGrid
        data={view.data}
        running={view.running}
        onRepeat={(target, times) => grid.repeat(target, times)}
        onRetry={(key) => grid.retry(key)}
        onUseSetup={(result) => {
          const column = grid.plan.columns.find((c) => c.id === result.columnId);
          const sent = result.request?.['prompt'];
          if (!column) return;
          replaceDraft({
            params: { ...column.params, prompt: typeof sent === 'string' ? sent : column.params.prompt },
            ...(column.extraBody ? { extraBody: column.extraBody } : {}),
          });
        }}
      />
    </>
  );
}

/**
 * Test cases and the grid under Compare: "Run grid" runs every case × every column through the grid scheduler, each
 * cell a run of the one runs store, recorded in history with its grid and cell; a grid left unfinished by a crash or
 * a quit is offered for Resume when Compare next opens.
 */
export function GridPanel({ session, columns, prompt, settings, presets }: GridPanelProps) {
  const api = useApi();
  const { runs, server } = useStores();
  const table = useStoreSelector(session.cases, (t) => t);
  const grid = useStoreSelector(session.grid, (g) => g);
  const [error, setError] = useState<string>();
  const [restored, setRestored] = useState(false);
  const variables = useMemo(() => (prompt.includes('{{') ? variablesOf(prompt) : []), [prompt]);

  // A grid outlives this render (and the dialog): it reads the settings of the moment at every decision.
  const latestSettings = useRef(settings);
  useLayoutEffect(() => {
    latestSettings.current = settings;
  });
  const deps = (restore?: Parameters<typeof createGridRun>[1]['restore']) => ({
    api,
    runs,
    endpointOf: (profileId: string | undefined) => endpointOfProfile(latestSettings.current, profileId),
    concurrency: () => latestSettings.current?.compareConcurrency ?? 4,
    // A column without a profile runs on the active one; prices are read when the cell ends (Settings may change them).
    costOf: (profileId: string | undefined, run: CellRun, model: string) => {
      const id = profileId ?? latestSettings.current?.activeProfileId;
      return id === undefined
        ? undefined
        : actualCost(run.usage, model, server.store.get().prices[id])?.amount;
    },
    ...(restore ? { restore } : {}),
  });

  useEffect(() => {
    if (!session.claimRestore()) return;
    void api.getGrid().then((res) => {
      if (!res.ok || !res.value || session.grid.get()) return;
      const { plan, results } = res.value;
      session.grid.set(createGridRun(plan, deps(results)));
      setRestored(true);
    });
    // Looked for once per page: `deps` reads the settings of the moment it is used.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, session]);

  const runGrid = async () => {
    const plan = gridPlanOf(columns, prompt, table, settings, crypto.randomUUID(), Date.now());
    if (!plan.ok) return setError(plan.error.message);
    setError(undefined);
    await grid?.stop();
    const next = createGridRun(plan.value, deps());
    session.grid.set(next);
    setRestored(false);
    // Stored before the first cell runs, so a crash from here on can be resumed.
    await next.save();
    void next.run();
  };

  const clearGrid = async () => {
    if (!grid) return;
    await grid.stop();
    session.grid.set(undefined);
    setRestored(false);
    const res = await api.clearGrid(grid.plan.id);
    if (!res.ok) setError(`The stored grid could not be forgotten: ${res.error.message}`);
  };

  return (
    <section className="grid-section" aria-label="Test cases and the grid">
      <h3 className="panel-title">Test cases</h3>
      <CasesPanel
        table={table}
        variables={variables}
        presets={presets}
        onChange={(t) => session.cases.set(t)}
      />
      <p className="muted">
        {table.rows.length} case{table.rows.length === 1 ? '' : 's'} × {columns.length} columns ={' '}
        {table.rows.length * columns.length} cells
      </p>
      {error ? (
        <p className="run-refusal" role="alert">
          {error}
        </p>
      ) : null}
      {grid ? (
        <GridRunView
          grid={grid}
          restored={restored}
          canStart={table.rows.length > 0}
          onRunGrid={() => void runGrid()}
          onClear={() => void clearGrid()}
        />
      ) : (
        <div className="grid-controls">
          <RunGridButton disabled={table.rows.length === 0} onRun={() => void runGrid()} />
        </div>
      )}
    </section>
  );
}

/** A grid session for a page: an empty case table, no grid yet. */
export const createGridSession = (): GridSession => {
  let isClaimed = false;
  return {
    cases: createStore<CaseTable>(EMPTY_TABLE),
    grid: createStore<GridRun | undefined>(undefined),
    claimRestore: () => !isClaimed && (isClaimed = true),
  };
};
