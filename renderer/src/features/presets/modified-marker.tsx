import { useState } from 'react';
import { diffAgainstPreset } from '../../../../shared/param-diff';
import type { Preset } from '../../../../shared/schemas';
import { useDraft, useDraftActions } from '../../state/draft-store';
import { Modal } from '../../ui/modal';
import { ParamDiffTable } from './param-diff-table';
import { draftFromPreset } from './use-presets';

/**
 * Names the preset the editor was loaded from and, when the setup has drifted from it, a "modified" marker that opens
 * the parameter-level diff (current vs saved) with a way back to the saved values.
 */
export function ModifiedMarker({ presets }: { presets: Preset[] }) {
  const draft = useDraft();
  const { replaceDraft } = useDraftActions();
  const [isOpen, setIsOpen] = useState(false);
  const preset = draft.presetId ? presets.find((p) => p.id === draft.presetId) : undefined;
  if (!preset) return null;
  const changes = diffAgainstPreset(preset, draft);
  const isModified = changes.length > 0;

  return (
    <span className="preset-marker">
      <span className="muted">Preset:</span> <span className="preset-marker-name">{preset.name}</span>
      {isModified ? (
        <button
          type="button"
          className="badge badge-warn marker-button"
          onClick={() => setIsOpen(true)}
          title="The current setup differs from the saved preset: show the differences"
        >
          Modified
          <span className="sr-only"> — show changes from {preset.name}</span>
        </button>
      ) : null}
      {isOpen ? (
        <Modal title={`Changes from "${preset.name}"`} onClose={() => setIsOpen(false)} wide>
          <ParamDiffTable
            label="Changes from the saved preset"
            changes={changes}
            beforeLabel="Saved"
            afterLabel="Current"
          />
          <div className="form-actions">
            <button
              type="button"
              className="button"
              onClick={() => {
                replaceDraft(draftFromPreset(preset, draft.params.prompt));
                setIsOpen(false);
              }}
            >
              Revert to saved
            </button>
          </div>
        </Modal>
      ) : null}
    </span>
  );
}
