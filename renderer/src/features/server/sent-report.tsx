import { useState } from 'react';
import { useReport } from '../../state/server-store';

/**
 * "What was sent" → the server check of the run's profile + model, as exported JSON: every probe's exact body and
 * answer status (never a header, so never a key; no price table), to attach to a bug report.
 */
export function SentReport({ profileId, model }: { profileId?: string; model?: string }) {
  const report = useReport(profileId, model?.trim());
  const [copied, setCopied] = useState<string>();
  if (!report) return null;
  const text = JSON.stringify(report, null, 2);
  const copy = () =>
    void navigator.clipboard
      .writeText(text)
      .then(() => setCopied('Copied.'))
      .catch(() => setCopied('Could not copy: select the text instead.'));
  return (
    <section className="sent-section" aria-label="Server check">
      <h3>Server check</h3>
      <p>
        Checked {new Date(report.checkedAt).toLocaleString()} with {report.requests.length} requests.{' '}
        <button type="button" className="button button-small" onClick={copy}>
          Copy server check
        </button>{' '}
        <span role="status">{copied}</span>
      </p>
      <pre className="code-block" aria-label="Server check report" tabIndex={0}>
        {text}
      </pre>
    </section>
  );
}
