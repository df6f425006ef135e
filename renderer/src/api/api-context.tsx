import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { PlaygroundApi } from '../../../shared/api';
import { createBenchProbe } from '../state/bench-probe';
import { createDraftStore } from '../state/draft-store';
import { createRunStore } from '../state/run-store';
import { createRunsStore } from '../state/runs-store';
import { createServerStore } from '../state/server-store';
import { createSettingsStore } from '../state/settings-store';
import { StoresContext, type Stores } from '../state/stores-context';

const ApiContext = createContext<PlaygroundApi | null>(null);

function createStores(api: PlaygroundApi): Stores {
  const settings = createSettingsStore(api);
  const draft = createDraftStore(api);
  const runs = createRunsStore({
    api,
    probe: typeof location === 'undefined' ? undefined : createBenchProbe(location.search),
  });
  const run = createRunStore({
    runs,
    getDraft: () => draft.store.get().draft,
    getProfileId: () => settings.store.get().view?.activeProfileId,
  });
  return { settings, draft, runs, run, server: createServerStore(api) };
}

/**
 * Provides the api and the app's stores (draft, settings, runs, the playground run) to everything below it. It
 * restores the draft and settings once, subscribes to run events once, and saves a pending draft when the page goes
 * away.
 */
export function ApiProvider({ api, children }: { api: PlaygroundApi; children: ReactNode }) {
  const [stores] = useState(() => createStores(api));

  useEffect(() => {
    const disconnect = stores.runs.connect();
    const loadDraft = () => {
      const view = stores.settings.store.get().view;
      const profile = view?.profiles.find((p) => p.id === view.activeProfileId);
      return stores.draft.load(view?.lastModel ?? profile?.defaultModel);
    };
    // The draft waits for settings only to fill an empty model; a failed settings read must not block it.
    void stores.settings
      .refresh()
      .catch(() => undefined)
      .then(loadDraft);
    void stores.server.refresh().catch(() => undefined);
    const flush = () => stores.draft.flush();
    window.addEventListener('pagehide', flush);
    window.addEventListener('beforeunload', flush);
    return () => {
      disconnect();
      window.removeEventListener('pagehide', flush);
      window.removeEventListener('beforeunload', flush);
      stores.draft.flush();
    };
  }, [stores]);

  return (
    <ApiContext.Provider value={api}>
      <StoresContext.Provider value={stores}>{children}</StoresContext.Provider>
    </ApiContext.Provider>
  );
}

/** The PlaygroundApi (preload or http bridge); components never read window.playground. */
export function useApi(): PlaygroundApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi needs an <ApiProvider> above it');
  return api;
}
