import { useEffect, useId, useMemo, useState } from 'react';
import { createPresetFile } from '../../../../shared/preset-format';
import type { Preset } from '../../../../shared/schemas';
import { buildImportLink, buildWebImportLink, encodeShareCode } from '../../../../shared/share-code';
import { useShell } from '../../api/shell';
import { useDraft } from '../../state/draft-store';
import { useSettings } from '../../state/settings-store';
import { Modal } from '../../ui/modal';
import { activeProfile } from '../../lib/origin';
import { presetFromDraft } from '../presets/use-presets';
import { copyText } from './clipboard';

/** Props of the share-code dialog. */
interface ShareCodeDialogProps {
  loaded?: Preset;
  onClose: () => void;
}

/** A read-only link with its own copy button. */
function LinkField(props: { label: string; target: string; link: string; onCopy: () => void }) {
  const { label, target, link, onCopy } = props;
  const id = useId();
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      <div className="field-with-button">
        <input id={id} className="text-input code-input" readOnly value={link} />
        <button type="button" className="button" onClick={onCopy}>
          Copy link <span className="sr-only">for {target}</span>
        </button>
      </div>
    </div>
  );
}

/**
 * The current setup as a compact share code to paste into chat, with the links that open it: in web mode the page
 * address with `?import=` (what works there) and the desktop app's `r9s-playground://import` link; in the desktop app
 * only the latter. The code is copied at once; the options below re-make it. The prompt and base URL are left out
 * unless ticked; a key never goes in.
 */
export function ShareCodeDialog({ loaded, onClose }: ShareCodeDialogProps) {
  const draft = useDraft();
  const settings = useSettings();
  const shell = useShell();
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
  const appLink = buildImportLink(code);
  const webLink = shell === 'web' ? buildWebImportLink(location.origin, code) : undefined;

  const copy = (text: string, what: string) =>
    void copyText(text).then((isOk) =>
      setStatus(isOk ? `${what} copied.` : 'The clipboard refused: copy it by hand.'),
    );

  // Opening the dialog is the "Copy share code" action: copy the default code right away.
  const [first] = useState(code);
  useEffect(() => copy(first, 'Share code'), [first]);

  return (
    <Modal title="Share code" onClose={onClose}>
      <div className="form-stack">
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
          <span>Include the base URL{baseUrl ? <code> ({baseUrl})</code> : null}</span>
        </label>
        <label className="form-field">
          Share code
          <textarea className="text-input code-input" rows={3} readOnly value={code} />
        </label>
        {webLink ? (
          <LinkField
            label="Link for web mode (opens the import in this playground)"
            target="web mode"
            link={webLink}
            onCopy={() => copy(webLink, 'Link')}
          />
        ) : null}
        <LinkField
          label="Link for the desktop app"
          target="the desktop app"
          link={appLink}
          onCopy={() => copy(appLink, 'Link')}
        />
        <div className="form-actions">
          <span role="status" className="muted">
            {status}
          </span>
          <button type="button" className="button button-primary" onClick={() => copy(code, 'Share code')}>
            Copy code
          </button>
        </div>
      </div>
    </Modal>
  );
}
