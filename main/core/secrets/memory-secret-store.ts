import type { SecretStore, StoredSecret } from '../ports';

/** Why web mode keeps keys only in memory; shown to the user in KeyStatus (docs/architecture.md#secret-store). */
export const WEB_SESSION_ONLY_REASON =
  'web mode has no OS key vault; the key is kept until this process exits';

/**
 * Web mode's SecretStore: process memory only, never written anywhere (docs/architecture.md#secret-store: no plaintext fallback on disk).
 * Also the session-only store the Electron shell falls back to when OS encryption is unavailable.
 */
export const createMemorySecretStore = (sessionOnlyReason: string = WEB_SESSION_ONLY_REASON): SecretStore => {
  const secrets = new Map<string, StoredSecret>();
  return {
    set(profileId, secret, origin) {
      const stored: StoredSecret = { secret, origin, storage: 'session', sessionOnlyReason };
      secrets.set(profileId, stored);
      return Promise.resolve({ ...stored });
    },
    get(profileId) {
      const stored = secrets.get(profileId);
      return Promise.resolve(stored ? { ...stored } : undefined);
    },
    delete(profileId) {
      secrets.delete(profileId);
      return Promise.resolve();
    },
    rebind(profileId, origin) {
      const stored = secrets.get(profileId);
      if (stored) secrets.set(profileId, { ...stored, origin });
      return Promise.resolve();
    },
  };
};
