import type { PlaygroundApi, SettingsView } from '../../../shared/api';
import type { Result } from '../../../shared/result';
import type { SettingsPatch } from '../../../shared/schemas';
import { useStores } from './stores-context';
import { createStore, useStoreSelector, type Store } from './tiny-store';

/** Settings as last read, why the last read failed, and why the last change could not be saved. */
export interface SettingsState {
  view: SettingsView | null;
  loadError?: string;
  /** A refused change leaves `view` as saved: the app shows what is on disk and says why. */
  saveError?: string;
}

/** Settings actions; every write returns the new view and republishes it. */
export interface SettingsActions {
  refresh: () => Promise<void>;
  update: (patch: SettingsPatch) => Promise<Result<SettingsView>>;
  /** Publishes a view returned by another call (removeProfile) without a round trip. */
  accept: (view: SettingsView) => void;
  /** The user has read why a change was not saved. */
  dismissSaveError: () => void;
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
    dismissSaveError: () => store.update((s) => ({ ...s, saveError: undefined })),
    async refresh() {
      const res = await api.getSettings();
      if (res.ok) accept(res.value);
      else store.update((s) => ({ ...s, loadError: res.error.message }));
    },
    async update(patch) {
      const res = await api.updateSettings(patch);
      if (res.ok) accept(res.value);
      else store.update((s) => ({ ...s, saveError: res.error.message }));
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

/** Why the last settings change could not be saved, until a later one is. */
export function useSettingsSaveError(): string | undefined {
  return useStoreSelector(useStores().settings.store, (s) => s.saveError);
}

/** Stable settings actions. */
export function useSettingsActions(): SettingsActions {
  return useStores().settings;
}
