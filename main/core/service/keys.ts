import type { KeyStatus, Profile } from '../../../shared/api';
import { fail, ok, type Result } from '../../../shared/result';
import type { SecretStore } from '../ports';
import { originOf, SEEDED_PROFILE_ID } from './profiles';

/** Last four characters, only for keys long enough that four characters do not give most of it away. */
const last4 = (key: string) => (key.length >= 12 ? { last4: key.slice(-4) } : {});

/**
 * The write-only key vault of the service (docs/architecture.md#write-only-key): keys go in through set, their status comes out, and only
 * `resolve` (used to build a request in main) ever returns a key. Each key is bound to the origin of the profile it
 * was entered for (docs/architecture.md#secret-store); after the profile moves to another origin it is not sent until confirmed.
 */
export const createKeyManager = (secrets: SecretStore, env: { apiKey?: string; baseUrl?: string }) => {
  const envKey = env.apiKey?.trim() || undefined;
  // The env key is bound to the origin of the seeded profile as R9S_BASE_URL set it for this launch.
  let envKeyOrigin: string | undefined;
  let envKeyCleared = false;

  const envKeyFor = (profile: Profile) =>
    profile.id === SEEDED_PROFILE_ID && envKey && !envKeyCleared ? envKey : undefined;

  const current = async (profile: Profile) => {
    const stored = await secrets.get(profile.id);
    if (stored) return stored;
    const key = envKeyFor(profile);
    if (!key) return undefined;
    envKeyOrigin ??= originOf(profile.baseUrl);
    return {
      secret: key,
      origin: envKeyOrigin,
      storage: 'environment' as const,
      sessionOnlyReason: undefined,
    };
  };

  const status = async (profile: Profile): Promise<KeyStatus> => {
    const key = await current(profile);
    if (!key) return { profileId: profile.id, configured: false, storage: 'none' };
    const profileOrigin = originOf(profile.baseUrl);
    return {
      profileId: profile.id,
      configured: true,
      storage: key.storage,
      ...last4(key.secret),
      ...(key.sessionOnlyReason ? { sessionOnlyReason: key.sessionOnlyReason } : {}),
      ...(key.origin !== profileOrigin ? { originMismatch: { keyOrigin: key.origin, profileOrigin } } : {}),
    };
  };

  return {
    /** Binds the env key to the seeded profile's origin at startup. */
    bindEnvKey(seeded: Profile | undefined) {
      if (seeded && envKey) envKeyOrigin = originOf(seeded.baseUrl);
    },
    status,
    async set(profile: Profile, apiKey: string): Promise<KeyStatus> {
      await secrets.set(profile.id, apiKey, originOf(profile.baseUrl));
      return status(profile);
    },
    /** Forgets the stored key; for the seeded profile it also stops using R9S_API_KEY until restart. */
    async clear(profile: Profile): Promise<KeyStatus> {
      await secrets.delete(profile.id);
      if (profile.id === SEEDED_PROFILE_ID) envKeyCleared = true;
      return status(profile);
    },
    async confirm(profile: Profile): Promise<Result<KeyStatus>> {
      const key = await current(profile);
      if (!key) return fail('not_found', `Profile "${profile.name}" has no API key to confirm.`);
      const origin = originOf(profile.baseUrl);
      if (key.storage === 'environment') envKeyOrigin = origin;
      else await secrets.rebind(profile.id, origin);
      return ok(await status(profile));
    },
    /** The key to send for a profile (undefined: send none), or an `authentication` error on an origin mismatch. */
    async resolve(profile: Profile): Promise<Result<string | undefined>> {
      const key = await current(profile);
      if (!key) return ok(undefined);
      const profileOrigin = originOf(profile.baseUrl);
      if (key.origin === profileOrigin) return ok(key.secret);
      return fail(
        'authentication',
        `The API key of profile "${profile.name}" was entered for ${key.origin}, but the profile now points to ` +
          `${profileOrigin}. Confirm that the key may be sent there (or enter a new key) before running.`,
      );
    },
    forget: (profileId: string) => secrets.delete(profileId),
  };
};

/** The key manager the service uses. */
export type KeyManager = ReturnType<typeof createKeyManager>;
