import { useState, type DragEvent } from 'react';

/** Props of ImportSources. */
interface ImportSourcesProps {
  /** What to drop, e.g. "a preset file" (the zone says "Drop … here, or"). */
  dropText: string;
  /** The file picker's label (its accessible name). */
  chooseLabel: string;
  /** The picker's `accept` list. */
  accept: string;
  pasteLabel: string;
  submitLabel: string;
  /** Largest file read, in bytes: a larger one is refused before it is read, so it never lands in memory. */
  maxBytes: number;
  onTooLarge: (bytes: number) => void;
  /** The text of a chosen, dropped or pasted source, to be validated by the dialog. */
  onText: (text: string) => void;
}

/** The three ways into an import dialog: a file picker, a drop zone (file or text), and a paste box. */
export function ImportSources(props: ImportSourcesProps) {
  const { onText, onTooLarge, maxBytes } = props;
  const [pasted, setPasted] = useState('');
  const [isDragging, setIsDragging] = useState(false);
  const readFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > maxBytes) return onTooLarge(file.size);
    onText(await file.text());
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setIsDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) void readFile(file);
    else onText(e.dataTransfer.getData('text/plain'));
  };
  return (
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
        <p>Drop {props.dropText} here, or</p>
        <label className="button">
          {props.chooseLabel}
          <input
            type="file"
            className="sr-only"
            accept={props.accept}
            onChange={(e) => void readFile(e.target.files?.[0])}
          />
        </label>
      </div>
      <label className="form-field">
        {props.pasteLabel}
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
          onClick={() => onText(pasted)}
        >
          {props.submitLabel}
        </button>
      </div>
    </div>
  );
}
