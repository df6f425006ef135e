import type { Profile, SettingsView } from '../../../shared/api';
import { draftSchema, settingsPatchSchema, type Draft, type RetryPolicy } from '../../../shared/schemas';
import type { JsonStore, Logger } from '../ports';
import { STORE_DEFAULTS } from '../stores/store-schema';
import { expandHome } from './local-profiles';
import {
  DEFAULT_BASE_URL,
  LOCAL_SEEDED_PROFILE_ID,
  parseStoredProfile,
  SEEDED_PROFILE_ID,
  seedLocalProfile,
  seedProfile,
} from './profiles';

/** How long saveDraft waits for more edits before writing (the editor saves on every keystroke). */
export const DRAFT_WRITE_DELAY_MS = 400;

type Prefs = Omit<SettingsView, 'profiles' | 'activeProfileId' | 'notices'>;

const defaults = STORE_DEFAULTS.settings as unknown as Prefs;

const reasonOf = (error: unknown) =>
  (error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)).slice(0, 300);

/**
 * The settings document, read once and validated field by field (stored data is `unknown`,
 * docs/architecture.md#validate-at-boundaries: an invalid entry is dropped with a notice, never a crash), then kept
 * in memory and written through key by key. Every change is written before memory takes it, so a failed write
 * throws with memory still matching the file (docs/architecture.md#data-is-sacred).
 */
export const createSettingsRepo = (options: {
  store: JsonStore;
  notices: string[];
  /** Notices that other parts (history) add while the app runs; shown after the settings' own. */
  liveNotices?: () => readonly string[];
  envBaseUrl?: string;
  /** R9S_LOCAL_MODEL: seeds the "local" profile with this file and makes it active when none was chosen. */
  envLocalModel?: string;
  defaultRetry: RetryPolicy;
  logger: Logger;
}) => {
  const { store, notices, defaultRetry, logger } = options;
  const drop = (what: string, problem: string) => {
    notices.push(`An invalid ${what} in the settings file was ignored (${problem}).`);
    logger.warn('settings: dropped invalid entry', { what });
  };
  // What startup fills in (a seeded profile, the active id) is rebuilt the same way on the next start, so a write
  // that fails here is told and the app runs on.
  const writeAtStartup = (key: string, value: unknown) => {
    try {
      store.set(key, value);
    } catch (error) {
      notices.push(`The settings file could not be written (${reasonOf(error)}); changes may not be kept.`);
      logger.error('settings: startup write failed', { key, error: reasonOf(error) });
    }
  };

  const prefs: Prefs = { ...defaults };
  for (const key of [
    'theme',
    'compareConcurrency',
    'historyRetention',
    'outputLimitChars',
    'lastModel',
  ] as const) {
    const raw = store.get(key);
    if (raw === undefined) continue;
    const parsed = settingsPatchSchema.shape[key].safeParse(raw);
    if (parsed.success && parsed.data !== undefined) Object.assign(prefs, { [key]: parsed.data });
    else drop(`value of ${key}`, 'wrong type or out of range');
  }

  let profiles: Profile[] = [];
  const rawProfiles = store.get('profiles');
  if (Array.isArray(rawProfiles)) {
    for (const raw of rawProfiles) {
      const { profile, problem } = parseStoredProfile(raw, defaultRetry);
      if (profile && !profiles.some((p) => p.id === profile.id)) profiles.push(profile);
      else drop('profile', problem ?? 'duplicate id');
    }
  } else if (rawProfiles !== undefined) drop('profile list', 'not a list');

  // First run (or every profile was invalid): seed "r9s". R9S_BASE_URL is authoritative for the seeded profile on
  // every launch, so a test or a deployment pointing web mode at a server does not depend on an earlier launch.
  const envBase = options.envBaseUrl?.trim();
  const seeded = profiles.find((p) => p.id === SEEDED_PROFILE_ID);
  if (profiles.length === 0) profiles = [seedProfile(envBase || DEFAULT_BASE_URL, defaultRetry)];
  else if (seeded && envBase && seeded.baseUrl !== envBase) {
    profiles = profiles.map((p) => (p === seeded ? { ...p, baseUrl: envBase } : p));
  }
  // R9S_LOCAL_MODEL is authoritative for the "local" profile's file on every launch, as R9S_BASE_URL is for "r9s".
  const envLocal = options.envLocalModel?.trim() ? expandHome(options.envLocalModel) : undefined;
  if (envLocal) {
    const seededLocal = profiles.find((p) => p.id === LOCAL_SEEDED_PROFILE_ID);
    if (!seededLocal) profiles = [...profiles, seedLocalProfile(envLocal, defaultRetry)];
    else if (seededLocal.local?.modelPath !== envLocal) {
      const local = { ...seededLocal.local, modelPath: envLocal };
      profiles = profiles.map((p) => (p === seededLocal ? { ...p, kind: 'local', local } : p));
    }
  }
  if (JSON.stringify(profiles) !== JSON.stringify(rawProfiles)) writeAtStartup('profiles', profiles);

  const firstId = (): string => profiles[0]?.id ?? SEEDED_PROFILE_ID;
  const rawActive = store.get('activeProfileId');
  let activeProfileId =
    typeof rawActive === 'string' && profiles.some((p) => p.id === rawActive) ? rawActive : '';
  if (!activeProfileId) {
    // No profile chosen yet: the model R9S_LOCAL_MODEL names is what this launch was started to use.
    activeProfileId = envLocal ? LOCAL_SEEDED_PROFILE_ID : firstId();
    writeAtStartup('activeProfileId', activeProfileId);
  }

  let draft: Draft | null = null;
  const rawDraft = store.get('draft');
  if (rawDraft !== undefined && rawDraft !== null) {
    const parsed = draftSchema.safeParse(rawDraft);
    if (parsed.success) draft = parsed.data;
    else drop('draft', parsed.error.issues[0]?.message ?? 'invalid');
  }
  let draftTimer: NodeJS.Timeout | undefined;
  // The draft is written after the call that changed it has answered, so its failure is kept and reported by the
  // next saveDraft (the editor shows it), never thrown from a timer.
  let draftWriteError: string | undefined;
  const writeDraft = () => {
    draftTimer = undefined;
    try {
      store.set('draft', draft);
      draftWriteError = undefined;
    } catch (error) {
      draftWriteError = reasonOf(error);
      logger.error('settings: could not write the draft', { error: draftWriteError });
    }
  };

  return {
    view: (): SettingsView => ({
      ...prefs,
      profiles: profiles.map((p) => ({ ...p, retry: { ...p.retry }, headers: { ...p.headers } })),
      // A failed write may have left the active id naming a removed profile; a restart would pick the first one.
      activeProfileId: profiles.some((p) => p.id === activeProfileId) ? activeProfileId : firstId(),
      notices: [...notices, ...(options.liveNotices?.() ?? [])],
    }),
    profiles: (): readonly Profile[] => profiles,
    profile: (id: string): Profile | undefined => profiles.find((p) => p.id === id),
    setProfiles(next: Profile[]) {
      store.set('profiles', next);
      profiles = next;
      if (!profiles.some((p) => p.id === activeProfileId)) this.setActive(firstId());
    },
    setActive(id: string) {
      store.set('activeProfileId', id);
      activeProfileId = id;
    },
    setPrefs(patch: Partial<Prefs>) {
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined) continue;
        store.set(key, value);
        Object.assign(prefs, { [key]: value });
      }
    },
    prefs: (): Readonly<Prefs> => prefs,
    getDraft: (): Draft | null => draft,
    /**
     * Keeps the draft in memory and writes it once edits pause, so saving on every keystroke stays cheap. Throws
     * the reason the last write failed (this draft is still kept and written again after the pause).
     */
    saveDraft(next: Draft) {
      draft = next;
      if (draftTimer) clearTimeout(draftTimer);
      draftTimer = setTimeout(writeDraft, DRAFT_WRITE_DELAY_MS);
      draftTimer.unref();
      if (draftWriteError) throw new Error(`the last draft could not be written (${draftWriteError})`);
    },
    /** Writes a pending draft now (on shutdown); throws when that write fails. */
    flush() {
      if (!draftTimer) return;
      clearTimeout(draftTimer);
      writeDraft();
      if (draftWriteError) throw new Error(draftWriteError);
    },
  };
};

/** The settings repository the service uses. */
export type SettingsRepo = ReturnType<typeof createSettingsRepo>;
