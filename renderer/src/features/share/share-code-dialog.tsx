import { useEffect, useMemo, useState } from 'react';
import { createPresetFile } from '../../../../shared/preset-format';
import type { Preset } from '../../../../shared/schemas';
import { buildImportLink, encodeShareCode } from '../../../../shared/share-code';
import { useDraft } from '../../state/draft-store';
import { useSettings } from '../../state/settings-store';
import { Modal } from '../../ui/modal';
import { activeProfile } from '../origin';
import { presetFromDraft } from '../presets/use-presets';
import { copyText } from './clipboard';

/** Props of the share-code dialog. */
interface ShareCodeDialogProps {
  loaded?: Preset;
  onClose: () => void;
}

/**
 * The current setup as a compact share code (and an `r9s-playground://import` link) to paste into chat. It is copied
 * at once; the options below re-make it. The prompt and base URL are left out unless ticked; a key never goes in.
 */
export function ShareCodeDialog({ loaded, onClose }: ShareCodeDialogProps) {
  const draft = useDraft();
  const settings = useSettings();
  const [name, setName] = useState(loaded?.name ?? 'Shared setup');
  const [includesPrompt, setIncludesPrompt] = useState(false);
  const [withBaseUrl, setWithBaseUrl] = useState(false);
  const [status, setStatus] = useState<string>();
  const baseUrl = activeProfile(settings)?.baseUrl;

  const code = useMemo(() => {
    const preset = presetFromDraft(draft, {
      id: 'shared',
      name: name.trim() || 'Shared setup',
      description: loaded?.description ?? '',
      includesPrompt,
      now: 0,
    });
    return encodeShareCode(
      createPresetFile([preset], withBaseUrl && baseUrl ? { includeBaseUrl: baseUrl } : {}),
    );
  }, [draft, name, loaded, includesPrompt, withBaseUrl, baseUrl]);
  const link = buildImportLink(code);

  const copy = (text: string, what: string) =>
    void copyText(text).then((isOk) =>
      setStatus(isOk ? `${what} copied.` : 'The clipboard refused: copy it by hand.'),
    );

  // Opening the dialog is the "Copy share code" action: copy the default code right away.
  const [first] = useState(code);
  useEffect(() => copy(first, 'Share code'), [first]);

  return (
    <Modal title="Share code" onClose={onClose}>
      <div className="form-grid">
        <label className="form-field">
          Name in the code
          <input
            className="text-input"
            value={name}
            maxLength={120}
            onChange={(e) => setName(e.target.value)}
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
        <label className="check-line">
          <input type="checkbox" checked={withBaseUrl} onChange={(e) => setWithBaseUrl(e.target.checked)} />
          Include the base URL{baseUrl ? ` (${baseUrl})` : ''}
        </label>
        <label className="form-field">
          Share code
          <textarea className="text-input code-input" rows={3} readOnly value={code} />
        </label>
        <label className="form-field">
          Import link (opens the desktop app)
          <input className="text-input code-input" readOnly value={link} />
        </label>
        <div className="form-actions">
          <span role="status" className="muted">
            {status}
          </span>
          <button type="button" className="button" onClick={() => copy(link, 'Link')}>
            Copy link
          </button>
          <button type="button" className="button button-primary" onClick={() => copy(code, 'Share code')}>
            Copy code
          </button>
        </div>
      </div>
    </Modal>
  );
}
