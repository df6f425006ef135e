import { useState } from 'react';
import { diffSetups } from '../../../../shared/param-diff';
import { visibleText } from '../../../../shared/visible-text';
import { useDraft } from '../../state/draft-store';
import { Modal } from '../../ui/modal';
import { ParamDiffTable } from './param-diff-table';
import type { TeamSync } from './use-team-sync';

/**
 * Both sides of a team preset that changed on disk while the editor had unsaved changes, as a parameter diff, and the
 * three ways out. Closing the dialog keeps the editor as it is, which overwrites nothing.
 */
export function TeamConflictDialog({
  sync,
}: {
  sync: TeamSync & { conflict: NonNullable<TeamSync['conflict']> };
}) {
  const draft = useDraft();
  const [error, setError] = useState<string>();
  const [isSaving, setIsSaving] = useState(false);
  const theirs = sync.conflict.preset;
  const name = visibleText(theirs.name);
  const changes = diffSetups(draft, theirs, { includePrompt: theirs.includesPrompt });

  const saveCopy = async () => {
    setIsSaving(true);
    const problem = await sync.saveMineAsCopy();
    setIsSaving(false);
    setError(problem);
  };

  return (
    <Modal title={`"${name}" changed in the team folder`} onClose={sync.keepMine} wide>
      <p>
        <code>{visibleText(sync.conflict.fileName)}</code> was changed outside the app (a colleague’s save or
        a git pull) while your editor had unsaved changes. Nothing has been overwritten: choose what to keep.
      </p>
      <ParamDiffTable
        label="Your editor against the file"
        changes={changes}
        beforeLabel="Yours (editor)"
        afterLabel="Theirs (file)"
      />
      {error ? (
        <p className="form-message is-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="button" className="button" onClick={sync.keepMine}>
          Keep mine
        </button>
        <button type="button" className="button" onClick={sync.takeTheirs}>
          Take theirs
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={isSaving}
          onClick={() => void saveCopy()}
        >
          Save mine as a copy
        </button>
      </div>
    </Modal>
  );
}
