import { useState } from 'react';
import type { ImportedGrid } from '../../../../shared/grid/result-line';
import type { Result } from '../../../../shared/result';
import { useDraftActions } from '../../state/draft-store';
import { ImportSources } from '../../ui/import-sources';
import { Modal } from '../../ui/modal';
import { draftOfCell, MAX_RESULTS_FILE_BYTES, readResultsText, tooLarge } from './import-results';
import { ResultsGrid } from './results-grid';

/** Props of the Results dialog. */
interface ImportResultsDialogProps {
  onClose: () => void;
  /** Said after a cell's setup was put in the editor. */
  onRestored: (message: string) => void;
}

/**
 * "Import results": a results JSONL file (picker, drop or paste) opened in the results grid, where any cell's exact
 * setup can be restored into the editor ("Use this setup"; undoable like loading a preset).
 */
export function ImportResultsDialog({ onClose, onRestored }: ImportResultsDialogProps) {
  const { replaceDraft } = useDraftActions();
  const [data, setData] = useState<ImportedGrid>();
  const [error, setError] = useState<string>();

  const accept = (res: Result<ImportedGrid>) => {
    if (res.ok) {
      setData(res.value);
      setError(undefined);
    } else setError(res.error.message);
  };
  return (
    <Modal title="Results" onClose={onClose} wide>
      {data ? (
        <>
          <div className="form-actions results-import-head">
            <span className="muted">
              {data.cases.length} cases × {data.columns.length} setups, {data.results.length} runs
            </span>
            <button type="button" className="button button-small" onClick={() => setData(undefined)}>
              Open another file
            </button>
          </div>
          <ResultsGrid
            data={data}
            onUseSetup={(result) => {
              const draft = draftOfCell(data, result);
              if (!draft) return setError('This cell’s case or setup is missing from the file.');
              replaceDraft(draft);
              const label = data.columns.find((c) => c.id === result.columnId)?.label ?? result.columnId;
              onRestored(`Restored the setup of ${result.caseId} × ${label} into the editor.`);
              onClose();
            }}
          />
        </>
      ) : (
        <ImportSources
          dropText="a results file (.jsonl)"
          chooseLabel="Choose results file"
          accept=".jsonl,.ndjson,application/x-ndjson,application/jsonl,text/plain"
          pasteLabel="Or paste results lines"
          submitLabel="Open results"
          maxBytes={MAX_RESULTS_FILE_BYTES}
          onTooLarge={(bytes) => setError(tooLarge(bytes))}
          onText={(text) => accept(readResultsText(text))}
        />
      )}
      {error ? (
        <p className="form-message import-error" role="alert">
          {error}
        </p>
      ) : null}
    </Modal>
  );
}
