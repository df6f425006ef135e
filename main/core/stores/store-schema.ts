/**
 * The persisted layout of the `settings`, `presets` and `cases` documents, shared by web mode's conf store and the Electron
 * shell's electron-store (both take conf's options), so the two cannot drift.
 */

import { OUTPUT_LIMIT_CHARS } from '../../../shared/schemas';

/** Names of the JSON documents the app keeps. */
export type StoreName = 'settings' | 'presets' | 'cases';

/** Version of the document layout; conf/electron-store run `STORE_MIGRATIONS` up to it. */
export const STORE_SCHEMA_VERSION = '1.0.0';

/** Values a fresh document starts with (profiles are seeded by the service, which knows R9S_BASE_URL). */
export const STORE_DEFAULTS: Readonly<Record<StoreName, Readonly<Record<string, unknown>>>> = {
  settings: {
    theme: 'system',
    compareConcurrency: 4,
    historyRetention: 10_000,
    outputLimitChars: OUTPUT_LIMIT_CHARS.default,
  },
  presets: { presets: [] },
  cases: { caseSets: [] },
};

/** The part of a conf/electron-store instance a migration touches. */
export interface MigratableStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

/**
 * Migrations per document, keyed by the layout version they bring the document to. 1.0.0 is the first layout, so
 * there is none yet; a document that does not fit it is moved aside before it is opened (quarantine.ts), never
 * rewritten here.
 */
export const STORE_MIGRATIONS: Readonly<Record<StoreName, Record<string, (store: MigratableStore) => void>>> =
  { settings: {}, presets: {}, cases: {} };

/** Entries that must be lists: a document holding anything else there is moved aside whole, with a notice. */
export const STORE_LIST_KEYS: Readonly<Record<StoreName, readonly string[]>> = {
  settings: ['profiles'],
  presets: ['presets'],
  cases: ['caseSets'],
};

/**
 * The options conf and electron-store both take for one document. `accessPropertiesByDotNotation` is off because
 * keys are plain names; writes are atomic by default in both.
 */
export const storeOptions = (name: StoreName) => ({
  configName: name,
  defaults: { ...STORE_DEFAULTS[name] },
  projectVersion: STORE_SCHEMA_VERSION,
  migrations: STORE_MIGRATIONS[name],
  accessPropertiesByDotNotation: false as const,
  clearInvalidConfig: false as const,
});
