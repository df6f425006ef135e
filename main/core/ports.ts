/**
 * The ports main/core depends on. Electron and web mode each supply adapters; tests supply fakes. Nothing here may
 * import `electron` (lint-enforced), so the whole core runs in plain Node.
 */
import type { HistoryEntry, HistoryPage, HistorySummary, KeyStorage } from '../../shared/api';

/** A key as stored for one profile, bound to the origin it was entered for (docs/architecture.md#secret-store). */
export interface StoredSecret {
  secret: string;
  /** Origin (scheme://host:port) of the profile's base URL when the key was entered or last confirmed. */
  origin: string;
  storage: Exclude<KeyStorage, 'environment' | 'none'>;
  /** Why the key is only kept in memory, when it is. */
  sessionOnlyReason?: string;
}

/** Where keys live: safeStorage in Electron, process memory in web mode. Never plaintext on disk. */
export interface SecretStore {
  /** Stores (or replaces) the key of a profile. */
  set(profileId: string, secret: string, origin: string): Promise<StoredSecret>;
  get(profileId: string): Promise<StoredSecret | undefined>;
  delete(profileId: string): Promise<void>;
  /** Binds an existing key to a new origin after the user confirmed it. */
  rebind(profileId: string, origin: string): Promise<void>;
}

/** A persisted JSON document with conf/electron-store semantics (atomic writes of the whole document). */
export interface JsonStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

/** Opens a named store; a corrupt file is moved aside and reported in `notice`, never silently wiped. */
export type OpenJsonStore = (name: 'settings' | 'presets' | 'cases') => { store: JsonStore; notice?: string };

/** A logger that never sees secrets unredacted (callers pass redacted values; the adapter redacts again). */
export interface Logger {
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

/** Time and randomness, injected so retries and metrics are testable. */
export interface Clock {
  now(): number;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

/**
 * The OS folder picker (the desktop app's dialog); resolves the chosen folder's path, or undefined when the user
 * cancelled. Web mode has none: its page types a path instead.
 */
export type FolderPicker = () => Promise<string | undefined>;

/**
 * The OS file picker for a local model (the desktop app's dialog, .gguf files); resolves the chosen file's path, or
 * undefined when the user cancelled. Web mode has none: its page types a path instead.
 */
export type FilePicker = () => Promise<string | undefined>;

/** The fetch the provider client uses: global fetch in Node, net.fetch in Electron (system proxies). */
export type FetchLike = typeof fetch;

/** The end of a run as history records it. */
export type HistoryEnd = Pick<
  HistoryEntry,
  | 'status'
  | 'outputs'
  | 'choices'
  | 'usage'
  | 'metrics'
  | 'error'
  | 'response'
  | 'durationMs'
  | 'tokens'
  | 'promptTokens'
>;

/**
 * Run history. Not electron-store: that rewrites its whole file on every set, and history grows to 10,000+ runs.
 * Calls are synchronous in memory and persist in the background, so recording never blocks the service long.
 */
export interface HistoryStore {
  /** Records a run before its request is sent (status `running`); entry id = runId. */
  start(entry: HistoryEntry): void;
  /** Checkpoints partial outputs so a crash mid-stream keeps them (the entry then reads `interrupted`). */
  progress(id: string, outputs: string[]): void;
  /** Records how the run ended. */
  finish(id: string, end: HistoryEnd): void;
  /** Newest first; `gridId` keeps only the runs of that grid's cells. */
  list(query: {
    search?: string;
    starred?: boolean;
    gridId?: string;
    offset: number;
    limit: number;
  }): HistoryPage;
  get(id: string): HistoryEntry | undefined;
  star(id: string, starred: boolean): HistorySummary | undefined;
  delete(id: string): boolean;
  export(format: 'jsonl' | 'csv'): string;
  /** Keeps at most this many runs (oldest unstarred go first). */
  setRetention(maxRuns: number): void;
  /** What the user must be told about history (a failed write, a repaired index); shown with the settings notices. */
  notices(): readonly string[];
  /** Flushes pending writes. */
  close(): Promise<void>;
}
