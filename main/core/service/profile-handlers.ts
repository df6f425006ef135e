import type { InvokeHandlers, Profile } from '../../../shared/api';
import { fail, ok, type Result } from '../../../shared/result';
import { readGgufSummary } from '../local';
import type { HistoryStore } from '../ports';
import { DEFAULT_RETRY_POLICY } from '../provider';
import { guarded } from './guarded';
import type { createKeyManager } from './keys';
import { normaliseLocalSettings } from './local-profiles';
import { applyProfileInput, MAX_PROFILES, profileKindProblem } from './profiles';
import type { RunContext } from './run-manager';
import type { SettingsRepo } from './settings-repo';

type ProfileHandlers = Pick<
  InvokeHandlers<RunContext>,
  | 'getSettings'
  | 'updateSettings'
  | 'saveProfile'
  | 'removeProfile'
  | 'setApiKey'
  | 'clearApiKey'
  | 'getKeyStatus'
  | 'confirmKeyOrigin'
>;

/** Settings, profiles and their keys: what the settings dialog reads and writes. */
export const createProfileHandlers = (deps: {
  settings: SettingsRepo;
  keys: ReturnType<typeof createKeyManager>;
  history: HistoryStore;
  /** Runs `fn` on the profile with this id, or fails with not_found. */
  withProfile: <T>(profileId: string, fn: (p: Profile) => Promise<Result<T>>) => Promise<Result<T>>;
}): ProfileHandlers => {
  const { settings, keys, history, withProfile } = deps;
  return {
    getSettings: () => guarded('read settings', () => ok(settings.view())),
    updateSettings: (patch) =>
      guarded('save settings', () => {
        const { activeProfileId, ...prefs } = patch;
        if (activeProfileId !== undefined) {
          if (!settings.profile(activeProfileId))
            return fail('not_found', `There is no profile ${activeProfileId}.`);
          settings.setActive(activeProfileId);
        }
        settings.setPrefs(prefs);
        if (prefs.historyRetention !== undefined) history.setRetention(prefs.historyRetention);
        return ok(settings.view());
      }),
    saveProfile: (raw) =>
      guarded('save the profile', async () => {
        if (raw.id === undefined && settings.profiles().length >= MAX_PROFILES) {
          return fail('conflict', `At most ${MAX_PROFILES} profiles can be kept.`);
        }
        const problem = profileKindProblem(raw);
        if (problem) return fail('invalid_input', problem);
        const input = raw.local ? { ...raw, local: normaliseLocalSettings(raw.local) } : raw;
        if (input.local) {
          // A file that is missing, unreadable or not GGUF is refused here with the reader's own message.
          const summary = await readGgufSummary(input.local.modelPath);
          if (!summary.ok) return summary;
        }
        const applied = applyProfileInput(settings.profiles(), input, DEFAULT_RETRY_POLICY);
        if ('notFound' in applied)
          return fail('not_found', `There is no profile with id ${applied.notFound}.`);
        settings.setProfiles(applied.profiles);
        return ok(applied.profile);
      }),
    removeProfile: (profileId) =>
      guarded('remove the profile', () =>
        withProfile(profileId, async (profile) => {
          if (settings.profiles().length <= 1) {
            return fail(
              'conflict',
              'At least one profile must remain; add another before removing this one.',
            );
          }
          settings.setProfiles(settings.profiles().filter((p) => p.id !== profile.id));
          await keys.forget(profile.id);
          return ok(settings.view());
        }),
      ),

    setApiKey: (profileId, apiKey) =>
      guarded('store the key', () =>
        withProfile(profileId, async (p) => ok(await keys.set(p, apiKey.trim()))),
      ),
    clearApiKey: (profileId) =>
      guarded('clear the key', () => withProfile(profileId, async (p) => ok(await keys.clear(p)))),
    getKeyStatus: (profileId) =>
      guarded('read the key status', () => withProfile(profileId, async (p) => ok(await keys.status(p)))),
    confirmKeyOrigin: (profileId) =>
      guarded('confirm the key', () => withProfile(profileId, (p) => keys.confirm(p))),
  };
};
