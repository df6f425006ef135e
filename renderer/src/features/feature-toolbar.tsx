import { useCallback, useEffect, useMemo, useState } from 'react';
import { useApi } from '../api/api-context';
import { useDraft } from '../state/draft-store';
import { useStoreSelector } from '../state/tiny-store';
import { ViewCodeDialog } from './code/view-code-dialog';
import { ImportResultsDialog } from './grid/import-results-dialog';
import { CompareDialog, createCompareSession } from './compare/compare-dialog';
import { HistoryDialog } from './history/history-dialog';
import { ModifiedMarker } from './presets/modified-marker';
import { PresetsDialog } from './presets/presets-dialog';
import { SavePresetDialog } from './presets/save-preset-dialog';
import { TeamConflictDialog } from './presets/team-conflict-dialog';
import { createTeamFolderStore } from './presets/team-folder-store';
import { TeamSyncNotice } from './presets/team-sync-notice';
import { usePresets } from './presets/use-presets';
import { useTeamSync } from './presets/use-team-sync';
import { withTeamPresets } from './presets/with-team-presets';
import { ExportDialog } from './share/export-dialog';
import { ImportDialog } from './share/import-dialog';
import { ShareCodeDialog } from './share/share-code-dialog';
import './features.css';

type Panel = 'save' | 'presets' | 'compare' | 'export' | 'import' | 'share' | 'code' | 'history' | 'results';

/** Takes `?import=<code>` off the page URL (web mode's share links), keeping the other parameters. */
function takeImportParam(): string | undefined {
  if (typeof location === 'undefined') return undefined;
  const url = new URL(location.href);
  const code = url.searchParams.get('import');
  if (!code) return undefined;
  url.searchParams.delete('import');
  history.replaceState(history.state, '', url);
  return code;
}

/**
 * The top-bar buttons of presets, compare, sharing, code and history, and their dialogs. Share codes opened from
 * outside (`?import=` in web mode, `r9s-playground://import` links in Electron) open the same import preview.
 */
export function FeatureToolbar() {
  const api = useApi();
  const draft = useDraft();
  const presetsStore = usePresets(api);
  const [team] = useState(() => createTeamFolderStore(api));
  useEffect(() => team.start(), [team]);
  const teamView = useStoreSelector(team.store, (s) => s.view);
  // Whatever loads or saves the editor's preset sees mine and the team's; the Presets dialog keeps them apart.
  const all = useMemo(() => withTeamPresets(presetsStore, teamView, team), [presetsStore, teamView, team]);
  const sync = useTeamSync(
    team,
    useCallback(() => all.presets.map((p) => p.name), [all.presets]),
  );
  const [initialCode] = useState(takeImportParam);
  const [panel, setPanel] = useState<Panel | undefined>(initialCode ? 'import' : undefined);
  const [importCode, setImportCode] = useState(initialCode);
  const [notice, setNotice] = useState<string>();
  // Compare's columns, prompt and outputs outlive the dialog: closing it to tweak a preset must not lose them.
  const [compareSession] = useState(createCompareSession);
  const loaded = draft.presetId ? all.presets.find((p) => p.id === draft.presetId) : undefined;
  const close = () => setPanel(undefined);

  useEffect(
    () =>
      api.onImportRequest((code) => {
        setImportCode(code);
        setPanel('import');
      }),
    [api],
  );

  const button = (name: string, target: Panel, title: string) => (
    <button
      type="button"
      className="button button-small"
      aria-haspopup="dialog"
      aria-expanded={panel === target}
      title={title}
      onClick={() => setPanel(target)}
    >
      {name}
    </button>
  );

  return (
    <div className="features" role="group" aria-label="Presets, compare and history">
      <ModifiedMarker presets={all.presets} />
      <TeamSyncNotice sync={sync} />
      {button('Save preset', 'save', 'Save the current setup as a preset')}
      {button('Presets', 'presets', 'Load, rename, duplicate, delete and diff presets')}
      {button('Compare', 'compare', 'Run presets or setups side by side')}
      {button('Export presets', 'export', 'Download presets as a file to share')}
      {button('Import presets', 'import', 'Import presets from a file or share code')}
      {button('Copy share code', 'share', 'Copy the current setup as a short code')}
      {button('View code', 'code', 'The current setup as curl, Python or TypeScript')}
      {button('History', 'history', 'Every run, searchable')}
      {button('Import results', 'results', 'Open a results file (.jsonl) in the results grid')}
      <span role="status" className="sr-only">
        {notice}
      </span>
      {panel === 'save' ? (
        <SavePresetDialog store={all} loaded={loaded} onClose={close} onSaved={setNotice} />
      ) : null}
      {panel === 'presets' ? <PresetsDialog store={presetsStore} team={team} onClose={close} /> : null}
      {panel === 'compare' ? (
        <CompareDialog presets={all.presets} onClose={close} session={compareSession} />
      ) : null}
      {panel === 'export' ? <ExportDialog store={presetsStore} onClose={close} /> : null}
      {panel === 'import' ? (
        <ImportDialog
          key={importCode ?? 'manual'}
          store={presetsStore}
          initialCode={importCode}
          onClose={() => {
            setImportCode(undefined);
            close();
          }}
          onImported={setNotice}
        />
      ) : null}
      {panel === 'share' ? <ShareCodeDialog loaded={loaded} onClose={close} /> : null}
      {panel === 'code' ? (
        <ViewCodeDialog
          params={draft.params}
          {...(draft.extraBody ? { extraBody: draft.extraBody } : {})}
          onClose={close}
        />
      ) : null}
      {panel === 'history' ? <HistoryDialog onClose={close} /> : null}
      {panel === 'results' ? <ImportResultsDialog onClose={close} onRestored={setNotice} /> : null}
      {sync.conflict ? <TeamConflictDialog sync={{ ...sync, conflict: sync.conflict }} /> : null}
    </div>
  );
}
