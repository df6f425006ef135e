import { useState } from 'react';
import { useSettings } from '../state/settings-store';

/** Things settings says the user must be told once (e.g. a corrupt settings file moved aside); dismissible. */
export function NoticesBanner() {
  const notices = useSettings()?.notices ?? [];
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const shown = notices.filter((n) => !dismissed.has(n));
  if (shown.length === 0) return null;
  return (
    <div className="banner banner-info notices" role="status">
      <ul className="banner-text">
        {shown.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
      <button type="button" className="button button-small" onClick={() => setDismissed(new Set(notices))}>
        Dismiss
      </button>
    </div>
  );
}
