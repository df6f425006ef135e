import { useEffect, useState } from 'react';
import type { KeyStatus } from '../../../../shared/api';
import { visibleText } from '../../../../shared/visible-text';
import { useApi } from '../../api/api-context';
import { useModels } from '../model/use-models';
import { useSettingsOpener } from '../settings/settings-opener';
import { useSettings } from '../../state/settings-store';

/**
 * What the active profile lacks to run: no key, or a model list that failed (a wrong base URL, an unreachable server).
 * The key status is read again whenever Settings closes, where a key is entered.
 */
function useFirstRunNeeds() {
  const api = useApi();
  const settings = useSettings();
  const { isSettingsOpen } = useSettingsOpener();
  const profileId = settings?.activeProfileId;
  const profile = settings?.profiles.find((p) => p.id === profileId);
  const [key, setKey] = useState<{ profileId: string; status: KeyStatus } | undefined>();
  // The list is read again when Settings opens and when it closes, where the base URL or key may have changed.
  const models = useModels(profileId, isSettingsOpen ? 1 : 0);

  useEffect(() => {
    if (!profileId || isSettingsOpen) return;
    let isCurrent = true;
    void api.getKeyStatus(profileId).then((res) => {
      if (isCurrent && res.ok) setKey({ profileId, status: res.value });
    });
    return () => {
      isCurrent = false;
    };
  }, [api, profileId, isSettingsOpen]);

  const status = key?.profileId === profileId ? key?.status : undefined;
  return {
    profile,
    hasNoKey: status !== undefined && !status.configured,
    modelsError: models.error,
  };
}

/**
 * The output area before the first run. When the active profile has no key or its model list fails, it says so in
 * plain text and offers the three ways to a working setup (an r9s key, another OpenAI-compatible server, a local
 * model), each opening Settings where it is done, with the environment variables that do the same at start.
 * Otherwise it is the usual one-line hint.
 */
export function WelcomePanel() {
  const { openSettings } = useSettingsOpener();
  const { profile, hasNoKey, modelsError } = useFirstRunNeeds();

  if (!hasNoKey && !modelsError) {
    return (
      <p className="placeholder">
        Write a prompt and press <kbd>Ctrl</kbd>+<kbd>Enter</kbd> to run.
      </p>
    );
  }
  const where = profile ? `${visibleText(profile.name)} (${visibleText(profile.baseUrl)})` : 'this profile';
  return (
    <div className="welcome-panel" role="region" aria-label="Getting started">
      <h2>Before your first run</h2>
      <ul className="welcome-problems">
        {hasNoKey ? <li>No API key is set for {where}.</li> : null}
        {modelsError ? (
          <li>
            The model list could not be loaded from {where}: {modelsError}
          </li>
        ) : null}
      </ul>
      <p>Choose one:</p>
      <ol className="welcome-choices">
        <li>
          <button type="button" className="button button-primary" onClick={() => openSettings('key')}>
            Enter an r9s API key
          </button>
          <span>
            It is stored encrypted where the system allows. Or start the app with <code>R9S_API_KEY</code>{' '}
            set.
          </span>
        </li>
        <li>
          <button type="button" className="button" onClick={() => openSettings('profile')}>
            Use another server
          </button>
          <span>
            Set the profile&apos;s base URL to any OpenAI-compatible server (llama.cpp, vLLM, Ollama …). Or
            start with <code>R9S_BASE_URL</code> (and <code>R9S_API_KEY</code> if it needs a key).
          </span>
        </li>
        <li>
          <button type="button" className="button" onClick={() => openSettings('profile')}>
            Use a local model
          </button>
          <span>
            Run a GGUF model on this machine: see &quot;Local models&quot; in the README (
            <code>R9S_LOCAL_MODEL</code>).
          </span>
        </li>
      </ol>
      <p className="muted">
        Then write a prompt and press <kbd>Ctrl</kbd>+<kbd>Enter</kbd> to run.
      </p>
    </div>
  );
}
