/**
 * OpenJsonStore over electron-store 11: the same defaults and migrations as web mode's conf store
 * (main/core/stores), one JSON file per document in the user-data folder, atomic writes. A corrupt file is moved
 * aside BEFORE electron-store opens it (electron-store would throw, or wipe it with clearInvalidConfig), and the
 * user is told through the returned notice.
 */
import { join } from 'node:path';
import type { JsonStore, OpenJsonStore } from '../core/ports';
import {
  moveAside,
  quarantineCorruptFile,
  STORE_LIST_KEYS,
  storeOptions,
  type StoreName,
} from '../core/stores';

/** The electron-store instance members used (electron-store extends conf, so conf satisfies this in tests). */
export interface ElectronStoreLike {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

/** electron-store's constructor options as this adapter passes them (`name` is the file name without `.json`). */
export interface ElectronStoreOptions {
  name: string;
  cwd: string;
  defaults?: Record<string, unknown>;
  projectVersion?: string;
  migrations?: Record<string, (store: ElectronStoreLike) => void>;
  accessPropertiesByDotNotation: false;
  clearInvalidConfig: false;
}

/** Constructs a store: `(o) => new ElectronStore(o)` in the app, a conf stand-in in tests. */
export type MakeElectronStore = (options: ElectronStoreOptions) => ElectronStoreLike;

const wrap = (store: ElectronStoreLike): JsonStore => ({
  get: (key) => store.get(key),
  set: (key, value) => store.set(key, value),
  delete: (key) => store.delete(key),
});

/** Opens one document, quarantining a corrupt file first and once more if the store still refuses it. */
function openQuarantined(
  make: MakeElectronStore,
  options: ElectronStoreOptions,
  now: () => number,
  listKeys: readonly string[] = [],
): { store: JsonStore; notice?: string } {
  const path = join(options.cwd, `${options.name}.json`);
  const notice = quarantineCorruptFile(path, now(), listKeys);
  try {
    return { store: wrap(make(options)), ...(notice ? { notice } : {}) };
  } catch (error) {
    // Valid JSON that the store still rejects (a migration threw on it): set it aside too, never crash or wipe.
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : '';
    const moved = moveAside(path, now(), `could not be opened (${reason.slice(0, 200)})`);
    return { store: wrap(make(options)), ...(moved ? { notice: moved } : {}) };
  }
}

/** The settings/presets opener the service takes, rooted at `dir` (app.getPath('userData')). */
export function createElectronStoreOpener(
  dir: string,
  make: MakeElectronStore,
  now: () => number = Date.now,
): OpenJsonStore {
  return (name: StoreName) => {
    const { configName, ...shared } = storeOptions(name);
    return openQuarantined(make, { ...shared, name: configName, cwd: dir }, now, STORE_LIST_KEYS[name]);
  };
}

/** A plain document without defaults or migrations (window state, encrypted keys), with the same corrupt-file care. */
export function openPlainElectronStore(
  dir: string,
  name: string,
  make: MakeElectronStore,
  now: () => number = Date.now,
): { store: JsonStore; notice?: string } {
  return openQuarantined(
    make,
    { name, cwd: dir, accessPropertiesByDotNotation: false, clearInvalidConfig: false },
    now,
  );
}
