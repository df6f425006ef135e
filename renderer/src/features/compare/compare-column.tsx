import { memo, useMemo } from 'react';
import { formatParamValue } from '../../../../shared/param-diff';
import type { SettingsView } from '../../../../shared/api';
import type { Preset } from '../../../../shared/schemas';
import { MetricsLine } from '../../output/metrics-line';
import { OutputText } from '../../output/output-text';
import { isSameButText, outputSource } from '../../state/text-source';
import { useStoreSelector, type Store } from '../../state/tiny-store';
import type { ColumnRuns, ColumnSetup } from './use-compare-runs';

/** A compare column: its setup plus where it came from. */
export interface CompareColumnModel extends ColumnSetup {
  /** `current`, a preset id, or `sweep`. */
  source: string;
  label: string;
  presetId?: string;
}

/** Props of one column. */
interface CompareColumnProps {
  index: number;
  column: CompareColumnModel;
  /** Every column's run; a column re-renders only when its own changes. */
  runs: Store<ColumnRuns>;
  presets: Preset[];
  settings: SettingsView | null;
  /** Rows to show: [key, label] for every parameter set in any column. */
  rows: [string, string][];
  differing: Set<string>;
  canRemove: boolean;
  /** One stable handler for every column (so a frame that changed one column's run re-renders only that one). */
  onAction: (columnId: string, action: ColumnAction) => void;
}

/** What a column asks the compare view to do. */
export type ColumnAction =
  | { type: 'source'; source: string }
  | { type: 'model'; model: string }
  | { type: 'profile'; profileId: string }
  | { type: 'stop' | 'use' | 'code' | 'remove' };

const STATUS_TEXT = {
  idle: 'not run',
  queued: 'waiting for a free slot',
  running: 'streaming',
  done: 'done',
  error: 'failed',
  cancelled: 'stopped',
} as const;

const OUTPUT_FRAME = { height: '40vh' } as const;
const OUTPUT_BOX = { contain: 'strict', height: '100%' } as const;

const valueOf = (column: CompareColumnModel, key: string): unknown =>
  key.startsWith('extra.')
    ? column.extraBody?.[key.slice(6)]
    : (column.params as unknown as Record<string, unknown>)[key];

/** A column's setup, parameters and actions: re-rendered when they or the run's status change, not per frame. */
const ColumnControls = memo(function ColumnControls(
  props: Omit<CompareColumnProps, 'runs'> & { status: keyof typeof STATUS_TEXT },
) {
  const { index, column, settings, status } = props;
  const act = (action: ColumnAction) => props.onAction(column.id, action);
  const n = index + 1;
  const isActive = status === 'running' || status === 'queued';
  return (
    <>
      <header className="compare-column-head">
        <select
          className="select"
          aria-label={`Setup of column ${n}`}
          value={column.source}
          onChange={(e) => act({ type: 'source', source: e.target.value })}
        >
          <option value="current">Current setup</option>
          {column.source === 'sweep' ? <option value="sweep">{column.label}</option> : null}
          {props.presets.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <input
          className="text-input"
          aria-label={`Model of column ${n}`}
          value={column.params.model}
          onChange={(e) => act({ type: 'model', model: e.target.value })}
        />
        {settings && settings.profiles.length > 1 ? (
          <select
            className={props.differing.has('profile') ? 'select param-differs' : 'select'}
            aria-label={`Profile of column ${n}`}
            value={column.profileId}
            onChange={(e) => act({ type: 'profile', profileId: e.target.value })}
          >
            {settings.profiles.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        ) : null}
      </header>
      <dl className="compare-params" aria-label={`Parameters of column ${n}`}>
        {props.rows.map(([key, label]) => {
          const isDiff = props.differing.has(key);
          return (
            <div key={key} className={isDiff ? 'compare-param param-differs' : 'compare-param'}>
              <dt>
                {label}
                {isDiff ? <span className="sr-only"> (differs)</span> : null}
              </dt>
              <dd>{formatParamValue(valueOf(column, key), 40)}</dd>
            </div>
          );
        })}
      </dl>
      <div className="compare-actions">
        <span className={`badge ${status === 'error' ? 'badge-danger' : 'badge-muted'}`} role="status">
          {STATUS_TEXT[status]}
        </span>
        <button
          type="button"
          className="button button-small"
          disabled={!isActive}
          onClick={() => act({ type: 'stop' })}
        >
          Stop <span className="sr-only">column {n}</span>
        </button>
        <button type="button" className="button button-small" onClick={() => act({ type: 'use' })}>
          Use this column <span className="sr-only">({n})</span>
        </button>
        <button type="button" className="button button-small" onClick={() => act({ type: 'code' })}>
          Code <span className="sr-only">of column {n}</span>
        </button>
        {props.canRemove ? (
          <button
            type="button"
            className="button button-small button-ghost"
            onClick={() => act({ type: 'remove' })}
          >
            Remove <span className="sr-only">column {n}</span>
          </button>
        ) : null}
      </div>
    </>
  );
});

/** One choice of a column's run, its text read live from the runs store. */
function ColumnText({
  runs,
  columnId,
  runId,
  index,
}: {
  runs: Store<ColumnRuns>;
  columnId: string;
  runId: string;
  index: number;
}) {
  const source = useMemo(
    () => outputSource(runs, (all) => (all[columnId]?.runId === runId ? all[columnId] : undefined), index),
    [runs, columnId, runId, index],
  );
  return <OutputText source={source} echoLength={0} />;
}

/** One column of the compare view: a region "Column n" with its setup, parameters, output, metrics and errors. */
export const CompareColumn = memo(function CompareColumn(props: CompareColumnProps) {
  const { runs, ...controls } = props;
  const run = useStoreSelector(runs, (all) => all[props.column.id], isSameButText);
  const n = props.index + 1;
  return (
    <section className="compare-column" role="region" aria-label={`Column ${n}`}>
      <ColumnControls {...controls} status={run?.status ?? 'idle'} />
      {run?.error ? (
        <div className="error-panel compare-error" role="alert">
          <strong>{run.error.status ? `HTTP ${run.error.status}: ` : ''}</strong>
          {run.error.message}
        </div>
      ) : null}
      {/* The scroller is sized by the column, never by its text (contain: strict), so a growing output re-lays out
          only itself. It sits in a plain box because a grid item can never be such a relayout boundary. */}
      <div style={OUTPUT_FRAME}>
        <div
          className="compare-output"
          style={OUTPUT_BOX}
          aria-label={`Output of column ${n}`}
          aria-live="off"
        >
          {run
            ? run.outputs.map((_, i) => (
                <div key={`${run.runId}:${i}`} className="compare-text">
                  {run.outputs.length > 1 ? (
                    <span className="muted">
                      Choice {i + 1}
                      {'\n'}
                    </span>
                  ) : null}
                  {/* Blocks: a frame's delta re-lays out only the short open tail, not the whole output. */}
                  <ColumnText runs={runs} columnId={props.column.id} runId={run.runId} index={i} />
                </div>
              ))
            : null}
        </div>
      </div>
      <MetricsLine metrics={run?.metrics} usage={run?.usage} />
    </section>
  );
});
