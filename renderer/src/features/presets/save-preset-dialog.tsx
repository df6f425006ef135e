import { useState, type FormEvent } from 'react';
import { isModifiedFrom } from '../../../../shared/param-diff';
import type { Preset } from '../../../../shared/schemas';
import { visibleText } from '../../../../shared/visible-text';
import { useDraft, useDraftActions } from '../../state/draft-store';
import { Modal } from '../../ui/modal';
import { newPresetId, nowMs, presetFromDraft, type PresetsStore } from './use-presets';

/** Props of the save dialog. */
interface SavePresetDialogProps {
  store: PresetsStore;
  /** The preset the draft was loaded from, offered for updating in place. */
  loaded?: Preset;
  onClose: () => void;
  onSaved: (message: string) => void;
}

/**
 * Saves the current setup (every parameter, its not-set state, optionally the prompt) as a new or updated preset.
 * It starts from the editor: updating the loaded preset when the editor has changed it, else a new, blank preset.
 * The description and "include the prompt" belong to the preset being saved: the loaded one's when updating it,
 * empty for a new one (until typed), so a new preset never inherits the last one's.
 */
export function SavePresetDialog({ store, loaded, onClose, onSaved }: SavePresetDialogProps) {
  const draft = useDraft();
  const { setPresetId } = useDraftActions();
  const [isUpdate, setIsUpdate] = useState(() => loaded !== undefined && isModifiedFrom(loaded, draft));
  const [name, setName] = useState(isUpdate && loaded ? loaded.name : '');
  // undefined: not edited here, so it follows the preset being saved.
  const [typedDescription, setDescription] = useState<string>();
  const [chosenIncludesPrompt, setIncludesPrompt] = useState<boolean>();
  const [error, setError] = useState<string>();
  const target = isUpdate ? loaded : undefined;
  const description = typedDescription ?? target?.description ?? '';
  const includesPrompt = chosenIncludesPrompt ?? target?.includesPrompt ?? false;
  const [chosenIncludesVariables, setIncludesVariables] = useState<boolean>();
  const includesVariables = chosenIncludesVariables ?? target?.variables !== undefined;
  const hasVariables = draft.variables !== undefined && Object.keys(draft.variables).length > 0;

  const chooseUpdate = (isChosen: boolean) => {
    setIsUpdate(isChosen);
    if (!loaded) return;
    if (isChosen) setName(loaded.name);
    else if (name.trim() === loaded.name) setName('');
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return setError('Give the preset a name.');
    const clash = store.presets.find(
      (p) => p.name.toLowerCase() === trimmed.toLowerCase() && (!isUpdate || p.id !== loaded?.id),
    );
    if (clash) return setError(`A preset named "${clash.name}" exists already; pick another name.`);
    const id = isUpdate && loaded ? loaded.id : newPresetId();
    const now = nowMs();
    const preset = presetFromDraft(draft, {
      id,
      name: trimmed,
      description,
      includesPrompt,
      includesVariables,
      now,
      ...(isUpdate && loaded ? { createdAt: loaded.createdAt } : {}),
    });
    const res = await store.save(preset);
    if (!res.ok) return setError(res.error.message);
    // The editor now follows the saved preset, so the modified marker starts clean; nothing was replaced.
    setPresetId(res.value.id);
    onSaved(`Saved preset "${res.value.name}".`);
    onClose();
  };

  return (
    <Modal title="Save preset" onClose={onClose}>
      <form className="form-stack" onSubmit={(e) => void submit(e)}>
        {loaded ? (
          <fieldset className="form-group">
            <legend>Save as</legend>
            <label className="check-line">
              <input type="radio" name="save-mode" checked={isUpdate} onChange={() => chooseUpdate(true)} />
              Update "{visibleText(loaded.name)}"
            </label>
            <label className="check-line">
              <input type="radio" name="save-mode" checked={!isUpdate} onChange={() => chooseUpdate(false)} />
              A new preset
            </label>
          </fieldset>
        ) : null}
        <label className="form-field">
          Preset name
          <input
            className="text-input"
            value={name}
            maxLength={120}
            onChange={(e) => {
              setName(e.target.value);
              // A different name means another preset; renaming is the presets list's Rename.
              if (loaded) setIsUpdate(e.target.value.trim() === loaded.name);
            }}
          />
        </label>
        <label className="form-field">
          Description
          <textarea
            className="text-input"
            rows={2}
            maxLength={2000}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
        </label>
        <label className="check-line">
          <input
            type="checkbox"
            checked={includesPrompt}
            onChange={(e) => setIncludesPrompt(e.target.checked)}
          />
          Include the prompt
        </label>
        {hasVariables ? (
          <label className="check-line">
            <input
              type="checkbox"
              checked={includesVariables}
              onChange={(e) => setIncludesVariables(e.target.checked)}
            />
            Include the variable values
          </label>
        ) : null}
        <p className="form-hint">
          Model {draft.params.model ? <code>{draft.params.model}</code> : 'not chosen'}, and every parameter —
          the ones not set stay not set. Keys are never part of a preset.
        </p>
        {error ? (
          <p className="form-message" role="alert">
            {error}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary">
            Save
          </button>
        </div>
      </form>
    </Modal>
  );
}
