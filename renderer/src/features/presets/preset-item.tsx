import { useState, type FormEvent } from 'react';
import type { Preset } from '../../../../shared/schemas';
import { visibleText } from '../../../../shared/visible-text';

/** Props of one row of the presets list. */
interface PresetItemProps {
  preset: Preset;
  isLoaded: boolean;
  isModified: boolean;
  /** Set when the preset names a base URL on another origin than the active profile. */
  foreignOrigin?: string;
  onLoad: () => void;
  onRename: (name: string) => Promise<string | undefined>;
  onDuplicate: () => void;
  onDelete: () => void;
  /** Offered when a writable team folder is set. */
  onMoveToTeam?: () => void;
}

/** A preset: its name and description (always rendered as text), badges, and its actions. */
export function PresetItem(props: PresetItemProps) {
  const { preset } = props;
  // Hidden and direction-changing characters are shown, so a name reads as it is stored.
  const name = visibleText(preset.name);
  const [draftName, setDraftName] = useState<string>();
  const [error, setError] = useState<string>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = await props.onRename(draftName ?? preset.name);
    setError(problem);
    if (!problem) setDraftName(undefined);
  };

  return (
    <li className="preset-item" aria-label={name}>
      {draftName === undefined ? (
        <div className="preset-title">
          <strong>{name}</strong>
          {props.isLoaded ? <span className="badge badge-ok">loaded</span> : null}
          {props.isLoaded && props.isModified ? <span className="badge badge-warn">modified</span> : null}
          {preset.includesPrompt ? <span className="badge badge-muted">with prompt</span> : null}
          <span className="muted preset-model">{visibleText(preset.params.model) || 'no model'}</span>
        </div>
      ) : (
        <form className="preset-rename" onSubmit={(e) => void submit(e)}>
          <input
            className="text-input"
            aria-label={`New name for ${name}`}
            value={draftName}
            maxLength={120}
            autoFocus
            onChange={(e) => setDraftName(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.stopPropagation();
                setDraftName(undefined);
              }
            }}
          />
          <button type="submit" className="button button-small">
            Save name
          </button>
        </form>
      )}
      {preset.description ? <p className="preset-description">{preset.description}</p> : null}
      {props.foreignOrigin ? (
        <p className="param-note param-note-warn">
          Made for {props.foreignOrigin}. Loading it keeps your active profile; your key is not sent there.
        </p>
      ) : null}
      {error ? (
        <p className="form-message" role="alert">
          {error}
        </p>
      ) : null}
      <div className="preset-actions">
        <button
          type="button"
          className="button button-small button-primary"
          aria-label={`Load ${name}`}
          onClick={props.onLoad}
        >
          Load
        </button>
        <button
          type="button"
          className="button button-small"
          aria-label={`Rename ${name}`}
          onClick={() => setDraftName(preset.name)}
        >
          Rename
        </button>
        <button
          type="button"
          className="button button-small"
          aria-label={`Duplicate ${name}`}
          onClick={props.onDuplicate}
        >
          Duplicate
        </button>
        {props.onMoveToTeam ? (
          <button
            type="button"
            className="button button-small"
            aria-label={`Move ${name} to the team folder`}
            onClick={props.onMoveToTeam}
          >
            Move to team
          </button>
        ) : null}
        <button
          type="button"
          className="button button-small button-danger"
          aria-label={`Delete ${name}`}
          onClick={props.onDelete}
        >
          Delete
        </button>
      </div>
    </li>
  );
}
