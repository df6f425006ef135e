import type { PlaygroundApi, SettingsView } from '../../../shared/api';
import type { Result } from '../../../shared/result';
import type { SettingsPatch } from '../../../shared/schemas';
import { useStores } from './stores-context';
import { createStore, useStoreSelector, type Store } from './tiny-store';

/** Settings as last read, and why the last read failed. */
export interface SettingsState {
  view: SettingsView | null;
  loadError?: string;
}

/** Settings actions; every write returns the new view and republishes it. */
export interface SettingsActions {
  refresh: () => Promise<void>;
  update: (patch: SettingsPatch) => Promise<Result<SettingsView>>;
  /** Publishes a view returned by another call (removeProfile) without a round trip. */
  accept: (view: SettingsView) => void;
}

/** The settings store. */
export interface SettingsStore extends SettingsActions {
  store: Store<SettingsState>;
}

/** Makes the settings store over the api. */
export function createSettingsStore(api: PlaygroundApi): SettingsStore {
  const store = createStore<SettingsState>({ view: null });
  const accept = (view: SettingsView) => store.set({ view });
  return {
    store,
    accept,
    async refresh() {
      const res = await api.getSettings();
      if (res.ok) accept(res.value);
      else store.update((s) => ({ ...s, loadError: res.error.message }));
    },
    async update(patch) {
      const res = await api.updateSettings(patch);
      if (res.ok) accept(res.value);
      return res;
    },
  };
}

const selectView = (s: SettingsState) => s.view;

/** The settings, or null until the first read. */
export function useSettings(): SettingsView | null {
  return useStoreSelector(useStores().settings.store, selectView);
}

/** Why settings could not be read, if they could not. */
export function useSettingsError(): string | undefined {
  return useStoreSelector(useStores().settings.store, (s) => s.loadError);
}

/** Stable settings actions. */
export function useSettingsActions(): SettingsActions {
  return useStores().settings;
}
