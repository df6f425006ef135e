import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import { DIFF_FIELDS, differingKeys } from '../../../../shared/param-diff';
import type { Preset } from '../../../../shared/schemas';
import { MAX_COMPARE_COLUMNS, MIN_COMPARE_COLUMNS, type SweepColumn } from '../../../../shared/sweep';
import { MOD_KEY } from '../../app/shortcuts';
import { useDraft, useDraftActions } from '../../state/draft-store';
import { useSettings } from '../../state/settings-store';
import { Modal } from '../../ui/modal';
import { ViewCodeDialog } from '../code/view-code-dialog';
import {
  CompareColumn,
  type ColumnAction,
  type ColumnSource,
  type CompareColumnModel,
} from './compare-column';
import { OutputDiff } from './output-diff';
import { SweepForm } from './sweep-form';
import { divergenceOf, FirstDivergence } from '../tokens/first-divergence';
import { useCompareRuns, useFinishedTokens, useRunsSummary, type ColumnRunIds } from './use-compare-runs';
import { createStore, type Store } from '../../state/tiny-store';

/** What the compare view keeps between openings (its owner holds it for the page's life). */
export interface CompareSession {
  columns?: CompareColumnModel[];
  prompt?: string;
  /** Each column's latest run; the runs themselves are in the page's runs store. */
  runs: Store<ColumnRunIds>;
}

/** A place to keep compare's columns, prompt and outputs while the dialog is closed. */
export const createCompareSession = (): CompareSession => ({ runs: createStore<ColumnRunIds>({}) });

/** Props of the compare view. */
interface CompareDialogProps {
  presets: Preset[];
  onClose: () => void;
  /** Columns, prompt and finished outputs come back when the dialog is opened again. */
  session: CompareSession;
}

let nextColumn = 0;
const columnId = () => `col-${++nextColumn}`;

/**
 * Side-by-side compare: 2–8 columns, each the current setup or a preset with its own model and profile, one shared
 * prompt; "Run all" (Ctrl/Cmd+Shift+Enter) streams them at once within the per-endpoint limit; differing parameters
 * are highlighted, any two outputs can be word-diffed, and a column can be copied to the editor.
 */
export function CompareDialog({ presets, onClose, session }: CompareDialogProps) {
  const draft = useDraft();
  const settings = useSettings();
  const { replaceDraft } = useDraftActions();
  const { runAll, stop } = useCompareRuns(settings, session.runs);
  const profileId = settings?.activeProfileId ?? '';
  const fromCurrent = (): CompareColumnModel => ({
    id: columnId(),
    source: { kind: 'current' },
    label: 'Current setup',
    params: draft.params,
    ...(draft.extraBody ? { extraBody: draft.extraBody } : {}),
    profileId,
  });
  const [columns, setColumns] = useState<CompareColumnModel[]>(
    // "Current setup" columns follow the editor's changes made while the dialog was closed (their model and profile,
    // set per column, stay).
    () =>
      session.columns?.map((c) =>
        c.source.kind === 'current'
          ? {
              ...fromCurrent(),
              id: c.id,
              profileId: c.profileId,
              params: { ...draft.params, model: c.params.model },
            }
          : c,
      ) ?? [fromCurrent(), fromCurrent()],
  );
  const [prompt, setPrompt] = useState(session.prompt ?? draft.params.prompt);
  useEffect(() => {
    Object.assign(session, { columns, prompt });
  }, [session, columns, prompt]);
  const [codeFor, setCodeFor] = useState<CompareColumnModel>();
  const [status, setStatus] = useState<string>();

  const differing = useMemo(() => {
    const setups = columns.map((c) => ({
      params: c.params,
      ...(c.extraBody ? { extraBody: c.extraBody } : {}),
    }));
    const keys: Set<string> = differingKeys(setups, { includePrompt: false });
    // The profile is a column's own choice, not a request field, so the diff never reports it.
    if (new Set(columns.map((c) => c.profileId)).size > 1) keys.add('profile');
    return keys;
  }, [columns]);
  const rows = useMemo(() => {
    const shown: [string, string][] = DIFF_FIELDS.filter(
      (f) => f.key !== 'prompt' && columns.some((c) => c.params[f.key] !== undefined),
    ).map((f) => [f.key, f.label]);
    const extra = [...new Set(columns.flatMap((c) => Object.keys(c.extraBody ?? {})))].sort();
    return [...shown, ...extra.map((k): [string, string] => [`extra.${k}`, `Extra: ${k}`])];
  }, [columns]);

  const update = (id: string, patch: Partial<CompareColumnModel>) =>
    setColumns((list) => list.map((c) => (c.id === id ? { ...c, ...patch } : c)));

  const setSource = (col: CompareColumnModel, source: ColumnSource) => {
    if (source.kind === 'current')
      return update(col.id, { ...fromCurrent(), id: col.id, profileId: col.profileId });
    if (source.kind !== 'preset') return;
    const p = presets.find((x) => x.id === source.presetId);
    if (!p) return;
    update(col.id, {
      source,
      label: p.name,
      params: p.params,
      extraBody: p.extraBody,
      presetName: p.name,
    });
  };

  const fillFromSweep = (cols: SweepColumn[]) =>
    setColumns(
      cols.map((c) => ({
        id: columnId(),
        source: { kind: 'sweep' },
        label: c.label,
        params: c.params,
        extraBody: c.extraBody,
        profileId,
      })),
    );

  const runEverything = () => {
    runAll(columns, prompt);
    setStatus(undefined);
  };
  const columnIds = useMemo(() => columns.map((c) => c.id), [columns]);
  const summary = useRunsSummary(session.runs, columnIds);
  // Two columns with token probabilities: where their token sequences first differ, marked in both.
  const left = useFinishedTokens(session.runs, columnIds[0]);
  const right = useFinishedTokens(session.runs, columnIds[1]);
  const divergence = useMemo(
    () => (columns.length === 2 && left && right ? divergenceOf(left, right) : undefined),
    [columns.length, left, right],
  );
  const hasDivergence = columns.length === 2 && left !== null && right !== null;

  const onColumnAction = (id: string, action: ColumnAction) => {
    const i = columns.findIndex((x) => x.id === id);
    const c = columns[i];
    if (!c) return;
    if (action.type === 'source') setSource(c, action.source);
    else if (action.type === 'model') update(c.id, { params: { ...c.params, model: action.model } });
    else if (action.type === 'profile') update(c.id, { profileId: action.profileId });
    else if (action.type === 'stop') stop(c.id);
    else if (action.type === 'code') setCodeFor(c);
    else if (action.type === 'remove') setColumns((list) => list.filter((x) => x.id !== c.id));
    else {
      replaceDraft({
        params: { ...c.params, prompt },
        ...(c.extraBody ? { extraBody: c.extraBody } : {}),
        ...(c.source.kind === 'preset' ? { presetId: c.source.presetId } : {}),
      });
      setStatus(`Column ${i + 1} copied to the editor.`);
    }
  };
  // The columns get one stable handler that calls the latest onColumnAction, so they can skip frames they are not in.
  const latestAction = useRef(onColumnAction);
  useLayoutEffect(() => {
    latestAction.current = onColumnAction;
  });
  const onAction = useCallback((id: string, action: ColumnAction) => latestAction.current(id, action), []);

  const onKeyDown = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
      // Ctrl+Enter and Ctrl+Shift+Enter both mean "run" here, and are consumed so the editor's Run or Regenerate
      // shortcut does not also fire behind the dialog.
      e.preventDefault();
      e.stopPropagation();
      runEverything();
    }
  };

  return (
    <>
      <Modal title="Compare" onClose={onClose} wide>
        <div className="compare" onKeyDown={onKeyDown}>
          <div className="compare-top">
            <label className="form-field compare-prompt">
              Shared prompt
              <textarea
                className="text-input"
                rows={3}
                value={prompt}
                onChange={(e) => setPrompt(e.target.value)}
              />
            </label>
            <div className="compare-buttons">
              <button
                type="button"
                className="button button-primary"
                onClick={runEverything}
                aria-keyshortcuts="Control+Enter Meta+Enter Control+Shift+Enter Meta+Shift+Enter"
                title={`Run every column (${MOD_KEY}+Enter)`}
              >
                Run all
              </button>
              <button
                type="button"
                className="button"
                disabled={columns.length >= MAX_COMPARE_COLUMNS}
                onClick={() => setColumns((list) => [...list, fromCurrent()])}
              >
                Add column
              </button>
              <span role="status" className="muted">
                {status ?? summary}
              </span>
            </div>
          </div>
          <details className="compare-sweep">
            <summary>Parameter sweep</summary>
            <SweepForm
              base={{ params: draft.params, ...(draft.extraBody ? { extraBody: draft.extraBody } : {}) }}
              onFill={fillFromSweep}
            />
          </details>
          <div
            className="compare-columns"
            style={{ gridTemplateColumns: `repeat(${columns.length}, minmax(220px, 1fr))` }}
          >
            {columns.map((c, i) => (
              <CompareColumn
                key={c.id}
                index={i}
                column={c}
                columnRuns={session.runs}
                presets={presets}
                settings={settings}
                rows={rows}
                differing={differing}
                canRemove={columns.length > MIN_COMPARE_COLUMNS}
                onAction={onAction}
                {...(divergence
                  ? { markToken: i === 0 ? divergence.a.tokenIndex : divergence.b.tokenIndex }
                  : {})}
              />
            ))}
          </div>
          {hasDivergence ? (
            <FirstDivergence divergence={divergence} names={['Column 1', 'Column 2']} />
          ) : null}
          <OutputDiff columnRuns={session.runs} columnIds={columnIds} />
        </div>
      </Modal>
      {codeFor ? (
        <ViewCodeDialog
          title="Code of the column"
          params={{ ...codeFor.params, prompt }}
          {...(codeFor.extraBody ? { extraBody: codeFor.extraBody } : {})}
          profileId={codeFor.profileId}
          onClose={() => setCodeFor(undefined)}
        />
      ) : null}
    </>
  );
}
