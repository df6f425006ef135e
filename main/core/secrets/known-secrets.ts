/**
 * Every API key this process has seen (the environment's, each profile's stored key, each key entered), so text
 * that leaves the core — run events, history, exports, logs — can be searched for all of them, not just the key of
 * the run at hand: a server may echo any header it was ever sent, and a user may paste a key into a prompt.
 */
import type { SecretStore } from '../ports';

/** Shorter "keys" are not searched for in text: they would match ordinary words and mangle outputs. */
export const MIN_SECRET_CHARS = 8;

/** The set of known secrets; forgetting one is never needed (a replaced key stays secret). */
export interface KnownSecrets {
  add(secret: string | undefined): void;
  /** The secrets, longest first (a key that contains another is replaced whole); a plain function, to hand on. */
  readonly list: () => readonly string[];
}

/** Creates an empty set. */
export const createKnownSecrets = (): KnownSecrets => {
  const secrets = new Set<string>();
  let sorted: readonly string[] = [];
  return {
    add(secret) {
      const value = secret?.trim();
      if (!value || value.length < MIN_SECRET_CHARS || secrets.has(value)) return;
      secrets.add(value);
      sorted = [...secrets].sort((a, b) => b.length - a.length);
    },
    list: () => sorted,
  };
};

/** Wraps a SecretStore so that every key going in or coming out becomes known. */
export const rememberSecrets = (store: SecretStore, known: KnownSecrets): SecretStore => ({
  async set(profileId, secret, origin) {
    known.add(secret);
    return store.set(profileId, secret, origin);
  },
  async get(profileId) {
    const stored = await store.get(profileId);
    known.add(stored?.secret);
    return stored;
  },
  delete: (profileId) => store.delete(profileId),
  rebind: (profileId, origin) => store.rebind(profileId, origin),
});
