import { useMemo, useState, type KeyboardEvent } from 'react';
import { buildSnippets, SNIPPET_LANGUAGES, type SnippetLanguage } from '../../../../shared/code-snippets';
import type { CompletionParams } from '../../../../shared/params';
import { useSettings } from '../../state/settings-store';
import { Modal } from '../../ui/modal';
import { activeProfile } from '../../lib/origin';
import { copyText } from '../share/clipboard';

/** Props of the view-code dialog. */
interface ViewCodeDialogProps {
  params: CompletionParams;
  extraBody?: Record<string, unknown>;
  /** Which profile's base URL and headers to use (default: the active one). */
  profileId?: string;
  title?: string;
  onClose: () => void;
}

/**
 * The setup as curl, Python (r9s SDK) and TypeScript (fetch, streaming), with only the parameters that are set. The
 * key is never known here: every snippet reads R9S_API_KEY from the environment (docs/architecture.md#write-only-key).
 */
export function ViewCodeDialog({
  params,
  extraBody,
  profileId,
  title = 'View code',
  onClose,
}: ViewCodeDialogProps) {
  const settings = useSettings();
  const [tab, setTab] = useState<SnippetLanguage>('curl');
  const [copied, setCopied] = useState<string>();
  const profile = settings?.profiles.find((p) => p.id === profileId) ?? activeProfile(settings);
  const snippets = useMemo(
    () =>
      buildSnippets({
        baseUrl: profile?.baseUrl ?? 'https://api.r9s.ai',
        params,
        ...(extraBody ? { extraBody } : {}),
        ...(profile?.headers ? { headers: profile.headers } : {}),
      }),
    [profile, params, extraBody],
  );

  const onTabKey = (e: KeyboardEvent) => {
    const i = SNIPPET_LANGUAGES.findIndex((l) => l.id === tab);
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const next = SNIPPET_LANGUAGES[(i + step + SNIPPET_LANGUAGES.length) % SNIPPET_LANGUAGES.length]!;
    setTab(next.id);
    document.getElementById(`code-tab-${next.id}`)?.focus();
  };

  return (
    <Modal title={title} onClose={onClose} wide>
      <div role="tablist" aria-label="Language" className="code-tabs" onKeyDown={onTabKey}>
        {SNIPPET_LANGUAGES.map((l) => (
          <button
            key={l.id}
            id={`code-tab-${l.id}`}
            type="button"
            role="tab"
            aria-selected={tab === l.id}
            aria-controls="code-panel"
            tabIndex={tab === l.id ? 0 : -1}
            className={tab === l.id ? 'code-tab code-tab-active' : 'code-tab'}
            onClick={() => setTab(l.id)}
          >
            {l.label}
          </button>
        ))}
      </div>
      <div id="code-panel" role="tabpanel" aria-labelledby={`code-tab-${tab}`}>
        <pre className="code-block code-snippet">
          <code>{snippets[tab]}</code>
        </pre>
        <div className="form-actions">
          <span role="status" className="muted">
            {copied}
          </span>
          <button
            type="button"
            className="button"
            onClick={() =>
              void copyText(snippets[tab]).then((isOk) =>
                setCopied(isOk ? 'Copied.' : 'Copy failed: select the text.'),
              )
            }
          >
            Copy code
          </button>
        </div>
        <p className="form-hint">
          Set <code>R9S_API_KEY</code> in your environment first; the key is never written into the code.
        </p>
      </div>
    </Modal>
  );
}
