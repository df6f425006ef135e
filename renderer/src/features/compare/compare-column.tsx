import { memo, useCallback } from 'react';
import { formatParamValue } from '../../../../shared/param-diff';
import type { SettingsView } from '../../../../shared/api';
import type { Preset } from '../../../../shared/schemas';
import { RunOutput } from '../output/run-output';
import { isActiveStatus, type RunStatus } from '../../state/run-view';
import { useRunField } from '../../state/runs-store';
import type { Store } from '../../state/tiny-store';
import { useColumnRunId, type ColumnRunIds, type ColumnSetup } from './use-compare-runs';

/** Where a column's setup came from: the editor, a preset, or a sweep. */
export type ColumnSource = { kind: 'current' } | { kind: 'preset'; presetId: string } | { kind: 'sweep' };

/** A source as its picker's option value (a select holds strings); `sourceOf` reads it back. */
export const sourceValue = (source: ColumnSource): string =>
  source.kind === 'preset' ? `preset:${source.presetId}` : source.kind;

/** The source an option value names, or undefined for anything else. */
export const sourceOf = (value: string): ColumnSource | undefined =>
  value === 'current' || value === 'sweep'
    ? { kind: value }
    : value.startsWith('preset:')
      ? { kind: 'preset', presetId: value.slice('preset:'.length) }
      : undefined;

/** A compare column: its setup plus where it came from. */
export interface CompareColumnModel extends ColumnSetup {
  source: ColumnSource;
  label: string;
}

/** Props of one column. */
interface CompareColumnProps {
  index: number;
  column: CompareColumnModel;
  /** Every column's run id; a column re-renders only when its own run changes. */
  columnRuns: Store<ColumnRunIds>;
  presets: Preset[];
  settings: SettingsView | null;
  /** Rows to show: [key, label] for every parameter set in any column. */
  rows: [string, string][];
  differing: Set<string>;
  canRemove: boolean;
  /** One stable handler for every column (so a frame that changed one column's run re-renders only that one). */
  onAction: (columnId: string, action: ColumnAction) => void;
  /** A token of its first choice to mark in the token view (the first divergence from the other column). */
  markToken?: number;
}

/** What a column asks the compare view to do. */
export type ColumnAction =
  | { type: 'source'; source: ColumnSource }
  | { type: 'model'; model: string }
  | { type: 'profile'; profileId: string }
  | { type: 'stop' | 'use' | 'code' | 'remove' };

const STATUS_TEXT = {
  idle: 'not run',
  queued: 'waiting for a free slot',
  starting: 'streaming',
  running: 'streaming',
  done: 'done',
  error: 'failed',
  cancelled: 'stopped',
} as const satisfies Record<RunStatus | 'idle', string>;

const valueOf = (column: CompareColumnModel, key: string): unknown =>
  key.startsWith('extra.')
    ? column.extraBody?.[key.slice(6)]
    : (column.params as unknown as Record<string, unknown>)[key];

/** A column's setup, parameters and actions: re-rendered when they or the run's status change, not per frame. */
const ColumnControls = memo(function ColumnControls(
  props: Omit<CompareColumnProps, 'columnRuns'> & { status: keyof typeof STATUS_TEXT },
) {
  const { index, column, settings, status } = props;
  const act = (action: ColumnAction) => props.onAction(column.id, action);
  const n = index + 1;
  const isActive = status !== 'idle' && isActiveStatus(status);
  return (
    <>
      <header className="compare-column-head">
        <select
          className="select"
          aria-label={`Setup of column ${n}`}
          value={sourceValue(column.source)}
          onChange={(e) => {
            const source = sourceOf(e.target.value);
            if (source) act({ type: 'source', source });
          }}
        >
          <option value={sourceValue({ kind: 'current' })}>Current setup</option>
          {column.source.kind === 'sweep' ? (
            <option value={sourceValue(column.source)}>{column.label}</option>
          ) : null}
          {props.presets.map((p) => (
            <option key={p.id} value={sourceValue({ kind: 'preset', presetId: p.id })}>
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

/** One column of the compare view: a region "Column n" with its setup, parameters, output, metrics and errors. */
export const CompareColumn = memo(function CompareColumn(props: CompareColumnProps) {
  const { columnRuns, markToken, ...controls } = props;
  const runId = useColumnRunId(columnRuns, props.column.id);
  const status = useRunField(runId, (run) => run?.status ?? 'idle');
  const { onAction } = props;
  const columnId = props.column.id;
  const stop = useCallback(() => onAction(columnId, { type: 'stop' }), [onAction, columnId]);
  const n = props.index + 1;
  return (
    <section className="compare-column" role="region" aria-label={`Column ${n}`}>
      <ColumnControls {...controls} status={status} />
      <RunOutput
        runId={runId}
        variant="column"
        label={`Output of column ${n}`}
        onCancel={stop}
        {...(markToken !== undefined ? { markToken } : {})}
      />
    </section>
  );
});
