import { useState } from 'react';
import { createPresetFile, serializePresetFile } from '../../../../shared/preset-format';
import { encodeShareCode } from '../../../../shared/share-code';
import { useSettings } from '../../state/settings-store';
import { Modal } from '../../ui/modal';
import { activeProfile } from '../../lib/origin';
import type { PresetsStore } from '../presets/use-presets';
import { copyText, downloadText, fileStamp } from './clipboard';

/** Props of the export dialog. */
interface ExportDialogProps {
  store: PresetsStore;
  onClose: () => void;
}

/**
 * Exports the chosen presets as a versioned JSON file (or a share code). Never a key; a base URL only when ticked,
 * and then stripped of credentials and query (shared/preset-format sanitizeBaseUrl).
 */
export function ExportDialog({ store, onClose }: ExportDialogProps) {
  const settings = useSettings();
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(store.presets.map((p) => p.id)));
  const [withBaseUrl, setWithBaseUrl] = useState(false);
  const [status, setStatus] = useState<string>();
  const selected = store.presets.filter((p) => chosen.has(p.id));
  const baseUrl = activeProfile(settings)?.baseUrl;

  const file = () =>
    createPresetFile(selected, {
      exportedAt: new Date().toISOString(),
      ...(withBaseUrl && baseUrl ? { includeBaseUrl: baseUrl } : {}),
    });

  const toggle = (id: string, on: boolean) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <Modal title="Export presets" onClose={onClose}>
      {store.presets.length === 0 ? <p className="muted">There are no presets to export yet.</p> : null}
      <fieldset className="form-group export-choice">
        <legend>Presets to export</legend>
        {store.presets.map((p) => (
          <label key={p.id} className="check-line">
            <input
              type="checkbox"
              checked={chosen.has(p.id)}
              onChange={(e) => toggle(p.id, e.target.checked)}
            />
            {p.name}
          </label>
        ))}
      </fieldset>
      <label className="check-line">
        <input type="checkbox" checked={withBaseUrl} onChange={(e) => setWithBaseUrl(e.target.checked)} />
        Include the base URL{baseUrl ? ` (${baseUrl})` : ''}
      </label>
      <p className="form-hint">API keys are never exported.</p>
      <div className="form-actions">
        <span role="status" className="muted">
          {status}
        </span>
        <button
          type="button"
          className="button"
          disabled={selected.length === 0}
          onClick={() =>
            void copyText(encodeShareCode(file())).then((isOk) =>
              setStatus(isOk ? 'Share code copied.' : 'The clipboard refused; use the file instead.'),
            )
          }
        >
          Copy as share code
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={selected.length === 0}
          onClick={() => {
            downloadText(`r9s-presets-${fileStamp()}.json`, serializePresetFile(file()), 'application/json');
            setStatus(`Exported ${selected.length} preset(s).`);
          }}
        >
          Download preset file
        </button>
      </div>
    </Modal>
  );
}
