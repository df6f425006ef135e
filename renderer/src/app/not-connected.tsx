import { useDraftSelector } from '../state/draft-store';

/**
 * The one page web mode shows when its server refused the page's token or is gone (restarted, stopped, or the page
 * was opened without the printed address): instead of an app whose every call fails. A prompt still in the editor
 * is shown so it can be copied, since its last changes may not have been saved.
 */
export function NotConnectedPage() {
  const prompt = useDraftSelector((s) => s.draft.params.prompt);
  return (
    <main className="not-connected" aria-labelledby="not-connected-title">
      <h1 id="not-connected-title">
        This page is not connected to a running r9s Playground — open the address <code>npm run web</code>{' '}
        printed
      </h1>
      <p>
        Each start of web mode prints one address, <code>http://127.0.0.1:&lt;port&gt;/?token=…</code>, and
        only pages opened from it can use the playground. This page was opened without it, or the playground
        was restarted or stopped since. Start it again if needed (<code>npm run web</code> or{' '}
        <code>npm start</code>) and open the new address; your settings, presets and history are kept.
      </p>
      {prompt ? (
        <label className="not-connected-prompt">
          The prompt in this page (its last changes may not be saved)
          <textarea className="code-input" readOnly rows={8} value={prompt} />
        </label>
      ) : null}
    </main>
  );
}
