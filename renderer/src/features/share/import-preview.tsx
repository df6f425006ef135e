import { visibleText } from '../../../../shared/visible-text';
import { useSettings } from '../../state/settings-store';
import { foreignOriginOf } from '../../lib/origin';
import { ParamDiffTable } from '../presets/param-diff-table';
import { ACTION_LABELS, actionsFor, type ImportAction, type ImportItem } from './import-plan';

/** Props of the preview. */
interface ImportPreviewProps {
  items: ImportItem[];
  onAction: (key: number, action: ImportAction) => void;
  onBack: () => void;
  onImport: () => Promise<void>;
}

/**
 * Shows each incoming preset (as plain text), its diff against an existing preset of the same name, a warning when
 * it names another endpoint, and the choice of what to do with it.
 */
export function ImportPreview({ items, onAction, onBack, onImport }: ImportPreviewProps) {
  const settings = useSettings();
  const count = items.filter((i) => i.action !== 'skip').length;
  return (
    <section aria-label="Import preview">
      <ul className="import-list" aria-label="Incoming presets">
        {items.map((item) => {
          const { incoming, existing } = item;
          const foreign = foreignOriginOf(incoming.baseUrl, settings);
          // Hidden and direction-changing characters are shown, so an imported name cannot pose as another.
          const name = visibleText(incoming.name);
          return (
            <li key={item.key} className="import-item" aria-label={name}>
              <div className="preset-title">
                <strong>{name}</strong>
                <span className="muted preset-model">{visibleText(incoming.params.model) || 'no model'}</span>
                {incoming.includesPrompt ? <span className="badge badge-muted">with prompt</span> : null}
                {existing ? <span className="badge badge-warn">same name as an existing preset</span> : null}
              </div>
              {incoming.description ? <p className="preset-description">{incoming.description}</p> : null}
              {foreign ? (
                <p className="param-note param-note-warn" role="note">
                  This preset was made for {foreign}, not your active profile. Importing stores the address as
                  a note only: your profile is not changed and your key is never sent there.
                </p>
              ) : null}
              {existing ? (
                <>
                  {item.isDescriptionChanged ? <p className="muted">The description differs.</p> : null}
                  <ParamDiffTable
                    label={`Differences from the existing ${visibleText(existing.name)}`}
                    changes={item.changes}
                    beforeLabel="Existing"
                    afterLabel="Incoming"
                  />
                </>
              ) : null}
              <label className="form-field import-action">
                Action for {name}
                <select
                  className="select"
                  value={item.action}
                  onChange={(e) => onAction(item.key, e.target.value as ImportAction)}
                >
                  {actionsFor(item).map((a) => (
                    <option key={a} value={a}>
                      {ACTION_LABELS[a]}
                    </option>
                  ))}
                </select>
              </label>
            </li>
          );
        })}
      </ul>
      <div className="form-actions">
        <button type="button" className="button" onClick={onBack}>
          Back
        </button>
        <button type="button" className="button button-primary" onClick={() => void onImport()}>
          {count === 0 ? 'Import nothing' : `Import ${count} preset${count === 1 ? '' : 's'}`}
        </button>
      </div>
    </section>
  );
}
