import { useMemo, useState } from 'react';
import { MAX_PRESET_FILE_CHARS, parsePresetFile, type PresetFile } from '../../../../shared/preset-format';
import type { Result } from '../../../../shared/result';
import { decodeShareCode, extractShareCode } from '../../../../shared/share-code';
import { ImportSources } from '../../ui/import-sources';
import { Modal } from '../../ui/modal';
import { newPresetId, nowMs, type PresetsStore } from '../presets/use-presets';
import { applyImport, planImport, type ImportAction } from './import-plan';
import { ImportPreview } from './import-preview';

/** Props of the import dialog. */
interface ImportDialogProps {
  store: PresetsStore;
  /** A share code to preview at once (from `?import=` or an `r9s-playground://` link). */
  initialCode?: string;
  onClose: () => void;
  onImported: (message: string) => void;
}

/** Reads pasted text as a preset file (JSON) or a share code / import link; never throws. */
export const readImportText = (text: string): Result<PresetFile> => {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return parsePresetFile(trimmed);
  const code = extractShareCode(trimmed);
  if (code) return decodeShareCode(code);
  return {
    ok: false,
    error: {
      kind: 'invalid_input',
      message: 'Paste a preset file (JSON) or a share code starting with "r9s1."',
    },
  };
};

/**
 * Imports presets from a file (picker or drag-and-drop) or pasted text/share code. Everything is validated first
 * (shared/preset-format), then previewed with a diff against same-name presets and replace / keep both / skip.
 * Imported text is only ever rendered as text.
 */
export function ImportDialog({ store, initialCode, onClose, onImported }: ImportDialogProps) {
  const [first] = useState(() => (initialCode ? readImportText(initialCode) : undefined));
  const [file, setFile] = useState<PresetFile | undefined>(first?.ok ? first.value : undefined);
  const [error, setError] = useState<string | undefined>(
    first && !first.ok ? first.error.message : undefined,
  );
  const [overrides, setOverrides] = useState<Record<number, ImportAction>>({});
  // Planned against the presets as they are now (the list may load after a deep link opened this dialog).
  const items = useMemo(
    () =>
      file &&
      planImport(file, store.presets).map((it) => ({ ...it, action: overrides[it.key] ?? it.action })),
    [file, store.presets, overrides],
  );

  const accept = (res: Result<PresetFile>) => {
    setOverrides({});
    if (res.ok) {
      setFile(res.value);
      setError(undefined);
    } else {
      setFile(undefined);
      setError(res.error.message);
    }
  };

  const setAction = (key: number, action: ImportAction) => setOverrides((o) => ({ ...o, [key]: action }));

  const confirm = async () => {
    if (!items) return;
    const toSave = applyImport(items, store.presets, { now: nowMs(), newId: newPresetId });
    for (const preset of toSave) {
      const res = await store.save(preset);
      if (!res.ok) return setError(`"${preset.name}" could not be saved: ${res.error.message}`);
    }
    // Case sets travel in the same file but belong to Compare's test cases; say so rather than drop them unseen.
    const sets = file?.cases?.length ?? 0;
    const casesNote =
      sets > 0
        ? ` The file also holds ${sets} case set(s): add them in Compare → Test cases → Import cases….`
        : '';
    onImported(
      (toSave.length === 0 ? 'Nothing imported.' : `Imported ${toSave.length} preset(s).`) + casesNote,
    );
    onClose();
  };

  return (
    <Modal title="Import presets" onClose={onClose} wide>
      {items ? (
        <ImportPreview
          items={items}
          onAction={setAction}
          onBack={() => setFile(undefined)}
          onImport={confirm}
        />
      ) : (
        <ImportSources
          dropText="a preset file"
          chooseLabel="Choose file"
          accept=".json,application/json"
          pasteLabel="Or paste a preset file or share code"
          submitLabel="Preview import"
          maxBytes={MAX_PRESET_FILE_CHARS}
          onTooLarge={() =>
            accept({
              ok: false,
              error: {
                kind: 'invalid_input',
                message: `The file is too large (at most ${MAX_PRESET_FILE_CHARS} bytes).`,
              },
            })
          }
          onText={(text) => accept(readImportText(text))}
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
