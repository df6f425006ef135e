import { useEffect, useState } from 'react';
import { isTerminal } from '../../../shared/run-events';
import { useApi } from '../api/api-context';
import { useSettings, useSettingsActions, useSettingsSaveError } from '../state/settings-store';

/**
 * Things the user must be told: notices from settings (a corrupt settings file moved aside, a history write that
 * failed) and a settings change that could not be saved; each dismissible. History reports its failures as notices,
 * so settings are read again when a run ends.
 */
export function NoticesBanner() {
  const api = useApi();
  const { refresh, dismissSaveError } = useSettingsActions();
  const notices = useSettings()?.notices ?? [];
  const saveError = useSettingsSaveError();
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => api.onRunEvent((event) => void (isTerminal(event) && refresh())), [api, refresh]);
  const shown = notices.filter((n) => !dismissed.has(n));
  return (
    <>
      {saveError ? (
        <div className="banner banner-warn" role="alert">
          <span className="banner-text">The change was not saved: {saveError}</span>
          <button type="button" className="button button-small" onClick={dismissSaveError}>
            Dismiss
          </button>
        </div>
      ) : null}
      {shown.length > 0 ? (
        <div className="banner banner-info notices" role="status">
          <ul className="banner-text">
            {shown.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
          <button
            type="button"
            className="button button-small"
            onClick={() => setDismissed(new Set(notices))}
          >
            Dismiss
          </button>
        </div>
      ) : null}
    </>
  );
}
