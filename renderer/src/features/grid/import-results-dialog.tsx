import { useState, type DragEvent } from 'react';
import type { ImportedGrid } from '../../../../shared/grid/result-line';
import type { Result } from '../../../../shared/result';
import { useDraftActions } from '../../state/draft-store';
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
  const [pasted, setPasted] = useState('');
  const [isDragging, setIsDragging] = useState(false);

  const accept = (res: Result<ImportedGrid>) => {
    if (res.ok) {
      setData(res.value);
      setError(undefined);
    } else setError(res.error.message);
  };
  const readFile = async (file: File | undefined) => {
    if (!file) return;
    // Checked before reading, so a huge file never lands in memory.
    if (file.size > MAX_RESULTS_FILE_BYTES) return setError(tooLarge(file.size));
    accept(readResultsText(await file.text()));
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setIsDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) void readFile(file);
    else accept(readResultsText(e.dataTransfer.getData('text/plain')));
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
        <div className="import-sources">
          <div
            className={isDragging ? 'drop-zone drop-zone-active' : 'drop-zone'}
            onDragOver={(e) => {
              e.preventDefault();
              setIsDragging(true);
            }}
            onDragLeave={() => setIsDragging(false)}
            onDrop={onDrop}
          >
            <p>Drop a results file (.jsonl) here, or</p>
            <label className="button">
              Choose results file
              <input
                type="file"
                className="sr-only"
                accept=".jsonl,.ndjson,application/x-ndjson,application/jsonl,text/plain"
                onChange={(e) => void readFile(e.target.files?.[0])}
              />
            </label>
          </div>
          <label className="form-field">
            Or paste results lines
            <textarea
              className="text-input code-input"
              rows={5}
              value={pasted}
              onChange={(e) => setPasted(e.target.value)}
            />
          </label>
          <div className="form-actions">
            <button
              type="button"
              className="button button-primary"
              disabled={!pasted.trim()}
              onClick={() => accept(readResultsText(pasted))}
            >
              Open results
            </button>
          </div>
        </div>
      )}
      {error ? (
        <p className="form-message import-error" role="alert">
          {error}
        </p>
      ) : null}
    </Modal>
  );
}
