import { createContext, useContext } from 'react';
import type { DraftStore } from './draft-store';
import type { RunStore } from './run-store';
import type { RunsStore } from './runs-store';
import type { ServerStore } from './server-store';
import type { SettingsStore } from './settings-store';

/** The app's stores, made once per ApiProvider. */
export interface Stores {
  draft: DraftStore;
  settings: SettingsStore;
  /** Every run the page shows, by runId. */
  runs: RunsStore;
  /** The playground's current run. */
  run: RunStore;
  /** Capability reports, price tables and remembered pre-run choices. */
  server: ServerStore;
}

/** Holds the stores; ApiProvider fills it. */
export const StoresContext = createContext<Stores | null>(null);

/** The stores of the surrounding ApiProvider. */
export function useStores(): Stores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('useStores needs an <ApiProvider> above it');
  return stores;
}
