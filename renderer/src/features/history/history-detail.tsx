import type { HistoryEntry } from '../../../../shared/api';
import { formatParamValue, valuesEqual } from '../../../../shared/param-diff';
import { PARAM_SPECS } from '../../../../shared/params';
import { buildBody } from '../../../../shared/request-body';
import { RunOutput } from '../output/run-output';
import { useRecordedRun } from '../../state/recorded-run';

/** Props of the detail pane. */
interface HistoryDetailProps {
  entry: HistoryEntry;
  onRestore: () => void;
  onRerunExact: () => void;
  onRerunCurrent: () => void;
  onStar: () => void;
  onDelete: () => void;
  /** Opens another entry by its run id (a branch's parent run). */
  onOpenRun: (id: string) => void;
}

/**
 * Whether re-running the entry's setup sends the very body it recorded. Re-running goes through the same request
 * builder as the run did, so only a record made by an older build of the app (whose builder differed) fails this.
 */
export const sendsRecordedBody = (entry: HistoryEntry): boolean =>
  valuesEqual(buildBody(entry.params, entry.extraBody), entry.request.body);

/** One run in full: prompt, parameters, its output as any run's is drawn, and what can be done with it. */
export function HistoryDetail({ entry, ...on }: HistoryDetailProps) {
  const set = PARAM_SPECS.filter((s) => entry.params[s.wire] !== undefined);
  const isExact = sendsRecordedBody(entry);
  const runId = useRecordedRun(entry);
  return (
    <article className="history-detail" aria-label="Run details">
      <div className="history-actions">
        <button type="button" className="button button-small" onClick={on.onRestore}>
          Restore
        </button>
        <button
          type="button"
          className="button button-small button-primary"
          onClick={on.onRerunExact}
          title={
            isExact
              ? 'Run the same body again: its prompt, parameters and extra body'
              : 'Run its prompt, parameters and extra body again (the body differs from the recorded one)'
          }
        >
          Re-run exactly
        </button>
        <button
          type="button"
          className="button button-small"
          onClick={on.onRerunCurrent}
          title="Run this prompt with the editor's current parameters"
        >
          Re-run with current settings
        </button>
        <button
          type="button"
          className="button button-small"
          aria-pressed={entry.starred}
          onClick={on.onStar}
        >
          {entry.starred ? 'Starred' : 'Star'}
        </button>
        <button type="button" className="button button-small button-danger" onClick={on.onDelete}>
          Delete
        </button>
      </div>
      <p className="muted">
        {new Date(entry.startedAt).toLocaleString()} · {entry.profileName} · <code>{entry.params.model}</code>
        {entry.presetName ? ` · preset ${entry.presetName}` : ''} · {entry.status}
      </p>
      {entry.parentRunId !== undefined ? (
        <p className="history-parent">
          Branched from a token of an earlier run.{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => entry.parentRunId !== undefined && on.onOpenRun(entry.parentRunId)}
          >
            Open parent run
          </button>
        </p>
      ) : null}
      {isExact ? null : (
        <p className="param-note param-note-warn">
          This run was recorded by an earlier version of the app: re-running it sends its parameters as this
          version builds them, which differs from the recorded body.
        </p>
      )}
      {entry.status === 'interrupted' ? (
        <p className="param-note param-note-warn">
          The app stopped before this run finished; the output is partial.
        </p>
      ) : null}
      <h3>Prompt</h3>
      <pre className="code-block">{entry.params.prompt}</pre>
      <h3>Parameters</h3>
      <dl className="kv-table history-params">
        {set.map((s) => (
          <div key={s.wire}>
            <dt>{s.label}</dt>
            <dd>{formatParamValue(entry.params[s.wire])}</dd>
          </div>
        ))}
        {Object.entries(entry.extraBody ?? {}).map(([k, v]) => (
          <div key={`x-${k}`}>
            <dt>Extra: {k}</dt>
            <dd>{formatParamValue(v)}</dd>
          </div>
        ))}
      </dl>
      <h3>Output</h3>
      {entry.outputs.length === 0 ? <p className="muted">No output.</p> : null}
      {/* Drawn as the main output and Compare draw a live run: errors with their hint, finish reasons, echo. */}
      <RunOutput runId={runId} variant="history" />
    </article>
  );
}
