import { formatParamValue } from '../../../../shared/param-diff';
import type { SettingsView } from '../../../../shared/api';
import type { Preset } from '../../../../shared/schemas';
import { MetricsLine } from '../../output/metrics-line';
import type { ColumnRun, ColumnSetup } from './use-compare-runs';

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
  run?: ColumnRun;
  presets: Preset[];
  settings: SettingsView | null;
  /** Rows to show: [key, label] for every parameter set in any column. */
  rows: [string, string][];
  differing: Set<string>;
  canRemove: boolean;
  onSource: (source: string) => void;
  onModel: (model: string) => void;
  onProfile: (profileId: string) => void;
  onStop: () => void;
  onUse: () => void;
  onCode: () => void;
  onRemove: () => void;
}

const STATUS_TEXT = {
  idle: 'not run',
  queued: 'waiting for a free slot',
  running: 'streaming',
  done: 'done',
  error: 'failed',
  cancelled: 'stopped',
} as const;

const valueOf = (column: CompareColumnModel, key: string): unknown =>
  key.startsWith('extra.')
    ? column.extraBody?.[key.slice(6)]
    : (column.params as unknown as Record<string, unknown>)[key];

/** One column of the compare view: a region "Column n" with its setup, parameters, output, metrics and errors. */
export function CompareColumn(props: CompareColumnProps) {
  const { index, column, run, settings } = props;
  const n = index + 1;
  const status = run?.status ?? 'idle';
  const isActive = status === 'running' || status === 'queued';
  return (
    <section className="compare-column" role="region" aria-label={`Column ${n}`}>
      <header className="compare-column-head">
        <select
          className="select"
          aria-label={`Setup of column ${n}`}
          value={column.source}
          onChange={(e) => props.onSource(e.target.value)}
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
          onChange={(e) => props.onModel(e.target.value)}
        />
        {settings && settings.profiles.length > 1 ? (
          <select
            className={props.differing.has('profile') ? 'select param-differs' : 'select'}
            aria-label={`Profile of column ${n}`}
            value={column.profileId}
            onChange={(e) => props.onProfile(e.target.value)}
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
        <button type="button" className="button button-small" disabled={!isActive} onClick={props.onStop}>
          Stop <span className="sr-only">column {n}</span>
        </button>
        <button type="button" className="button button-small" onClick={props.onUse}>
          Use this column <span className="sr-only">({n})</span>
        </button>
        <button type="button" className="button button-small" onClick={props.onCode}>
          Code <span className="sr-only">of column {n}</span>
        </button>
        {props.canRemove ? (
          <button type="button" className="button button-small button-ghost" onClick={props.onRemove}>
            Remove <span className="sr-only">column {n}</span>
          </button>
        ) : null}
      </div>
      {run?.error ? (
        <div className="error-panel compare-error" role="alert">
          <strong>{run.error.status ? `HTTP ${run.error.status}: ` : ''}</strong>
          {run.error.message}
        </div>
      ) : null}
      <div className="compare-output" aria-label={`Output of column ${n}`} aria-live="off">
        {(run?.outputs.length ? run.outputs : ['']).map((text, i) => (
          <pre key={i} className="compare-text">
            {run && run.outputs.length > 1 ? (
              <span className="muted">
                Choice {i + 1}
                {'\n'}
              </span>
            ) : null}
            {text}
          </pre>
        ))}
      </div>
      <MetricsLine metrics={run?.metrics} usage={run?.usage} />
    </section>
  );
}
