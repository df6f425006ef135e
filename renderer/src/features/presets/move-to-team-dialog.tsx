import { useState } from 'react';
import type { Preset } from '../../../../shared/schemas';
import { visibleText } from '../../../../shared/visible-text';
import { useDraft, useDraftActions } from '../../state/draft-store';
import { useSettings } from '../../state/settings-store';
import { Modal } from '../../ui/modal';
import { activeProfile } from '../../lib/origin';
import type { TeamFolderStore } from './team-folder-store';

/** Props of the move dialog. */
interface MoveToTeamDialogProps {
  preset: Preset;
  team: TeamFolderStore;
  folder: string;
  onClose: () => void;
  onMoved: (message: string) => void;
}

/**
 * Moves one of my presets into the team folder as its own file. A base URL goes into the file only when ticked:
 * colleagues may use other servers, and a preset is about parameters, not connections.
 */
export function MoveToTeamDialog({ preset, team, folder, onClose, onMoved }: MoveToTeamDialogProps) {
  const settings = useSettings();
  const draft = useDraft();
  const { replaceDraft } = useDraftActions();
  const [includeBaseUrl, setIncludeBaseUrl] = useState(false);
  const [error, setError] = useState<string>();
  const [isMoving, setIsMoving] = useState(false);
  const baseUrl = preset.baseUrl ?? activeProfile(settings)?.baseUrl;
  const name = visibleText(preset.name);

  const move = async () => {
    setIsMoving(true);
    const res = await team.move({ to: 'team', presetId: preset.id, includeBaseUrl });
    setIsMoving(false);
    if (!res.ok) return setError(res.error.message);
    if (res.value.to !== 'team') return;
    const moved = res.value.entry;
    // The editor follows the preset to its file, so its modified marker still has something to compare.
    if (draft.presetId === preset.id && moved.preset) replaceDraft({ ...draft, presetId: moved.preset.id });
    onMoved(`Moved "${name}" to the team folder as ${moved.fileName}.`);
    onClose();
  };

  return (
    <Modal title="Move to the team folder" onClose={onClose}>
      <div className="form-grid">
        <p>
          “{name}” is written to <code>{visibleText(folder)}</code> as a file of its own, for your team to
          load and review, and leaves your presets. Keys are never written.
        </p>
        {baseUrl ? (
          <label className="check-line">
            <input
              type="checkbox"
              checked={includeBaseUrl}
              onChange={(e) => setIncludeBaseUrl(e.target.checked)}
            />
            Include the base URL <code>{visibleText(baseUrl)}</code>
          </label>
        ) : null}
        {error ? (
          <p className="form-message is-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="button button-primary"
            disabled={isMoving}
            onClick={() => void move()}
          >
            Move
          </button>
        </div>
      </div>
    </Modal>
  );
}
