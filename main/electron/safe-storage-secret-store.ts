/**
 * The Electron SecretStore (docs/architecture.md#secret-store): keys encrypted by the OS through safeStorage, persisted as
 * `v1:` + base64 ciphertext next to the origin they were entered for. Where the OS offers no real encryption
 * (unavailable, or Linux's `basic_text` backend) a key is kept in memory for this session only — never plaintext
 * on disk, and never electron-store's `encryptionKey` (its key ships inside the app).
 */
import type { JsonStore, Logger, SecretStore, StoredSecret } from '../core/ports';

/** The parts of Electron's safeStorage used; the async API is preferred where the installed Electron has it. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  isAsyncEncryptionAvailable?(): Promise<boolean>;
  encryptStringAsync?(plainText: string): Promise<Buffer>;
  decryptStringAsync?(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  getSelectedStorageBackend?(): string;
}

/** Prefix of every stored ciphertext: the format version, so a future scheme can migrate. */
export const CIPHERTEXT_PREFIX = 'v1:';

/** The key under which the store keeps `{ [profileId]: { ciphertext, origin } }`. */
export const SECRETS_KEY = 'keys';

interface PersistedSecret {
  ciphertext: string;
  origin: string;
}

const isPersisted = (v: unknown): v is PersistedSecret =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as PersistedSecret).ciphertext === 'string' &&
  (v as PersistedSecret).ciphertext.startsWith(CIPHERTEXT_PREFIX) &&
  typeof (v as PersistedSecret).origin === 'string';

/** Options: the store holding ciphertexts (its own file), the platform, a logger. */
export interface SafeStorageSecretStoreOptions {
  safeStorage: SafeStorageLike;
  store: JsonStore;
  platform: NodeJS.Platform;
  logger?: Logger;
}

/** Creates the store; call after `app.whenReady()` (safeStorage reports unavailable before). */
export function createSafeStorageSecretStore(options: SafeStorageSecretStoreOptions): SecretStore {
  const { safeStorage, store, platform, logger } = options;
  const session = new Map<string, StoredSecret>();
  let sessionOnlyReason: Promise<string | undefined> | undefined;

  /** Why keys cannot be encrypted on this machine, or undefined when they can. Asked once. */
  const whySessionOnly = () =>
    (sessionOnlyReason ??= (async () => {
      const available = safeStorage.isAsyncEncryptionAvailable
        ? await safeStorage.isAsyncEncryptionAvailable()
        : safeStorage.isEncryptionAvailable();
      if (!available) return 'The operating system offers no encryption for stored keys.';
      if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
        return 'No system keyring (GNOME Keyring or KWallet) was found, so the key would be stored unencrypted.';
      }
      return undefined;
    })());

  const readAll = (): Record<string, PersistedSecret> => {
    const raw = store.get(SECRETS_KEY);
    const all: Record<string, PersistedSecret> = {};
    if (typeof raw !== 'object' || raw === null) return all;
    for (const [id, value] of Object.entries(raw)) if (isPersisted(value)) all[id] = value;
    return all;
  };
  const writeOne = (profileId: string, value: PersistedSecret | undefined) => {
    const all = readAll();
    if (value) all[profileId] = value;
    else delete all[profileId];
    store.set(SECRETS_KEY, all);
  };

  const encrypt = async (secret: string): Promise<string> => {
    const buffer = safeStorage.encryptStringAsync
      ? await safeStorage.encryptStringAsync(secret)
      : safeStorage.encryptString(secret);
    return CIPHERTEXT_PREFIX + buffer.toString('base64');
  };
  const decrypt = async (ciphertext: string): Promise<{ secret: string; shouldReEncrypt: boolean }> => {
    const buffer = Buffer.from(ciphertext.slice(CIPHERTEXT_PREFIX.length), 'base64');
    if (safeStorage.decryptStringAsync) {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(buffer);
      return { secret: result, shouldReEncrypt };
    }
    return { secret: safeStorage.decryptString(buffer), shouldReEncrypt: false };
  };

  return {
    async set(profileId, secret, origin) {
      const reason = await whySessionOnly();
      if (reason !== undefined) {
        const stored: StoredSecret = { secret, origin, storage: 'session', sessionOnlyReason: reason };
        // A key kept on disk from an earlier session must not come back after this one. Removed first: when that
        // write fails, the new key is not shown as set either.
        if (readAll()[profileId]) writeOne(profileId, undefined);
        session.set(profileId, stored);
        return stored;
      }
      writeOne(profileId, { ciphertext: await encrypt(secret), origin });
      session.delete(profileId);
      return { secret, origin, storage: 'os-encrypted' };
    },

    async get(profileId) {
      const inMemory = session.get(profileId);
      if (inMemory) return inMemory;
      const persisted = readAll()[profileId];
      if (!persisted) return undefined;
      try {
        const { secret, shouldReEncrypt } = await decrypt(persisted.ciphertext);
        if (shouldReEncrypt) writeOne(profileId, { ...persisted, ciphertext: await encrypt(secret) });
        return { secret, origin: persisted.origin, storage: 'os-encrypted' };
      } catch (error) {
        // The OS key changed (new keyring, other user): the key is unreadable; the user enters it again.
        logger?.warn('A stored key could not be decrypted', { profileId, error: String(error) });
        return undefined;
      }
    },

    delete(profileId) {
      session.delete(profileId);
      if (readAll()[profileId]) writeOne(profileId, undefined);
      return Promise.resolve();
    },

    rebind(profileId, origin) {
      const inMemory = session.get(profileId);
      if (inMemory) session.set(profileId, { ...inMemory, origin });
      const persisted = readAll()[profileId];
      if (persisted) writeOne(profileId, { ...persisted, origin });
      return Promise.resolve();
    },
  };
}
