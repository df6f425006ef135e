import type { InvokeHandlers, Profile } from '../../../shared/api';
import { fail, ok, type Result } from '../../../shared/result';
import type {
  Clock,
  FetchLike,
  FilePicker,
  FolderPicker,
  HistoryStore,
  Logger,
  OpenJsonStore,
  SecretStore,
} from '../ports';
import { DEFAULT_RETRY_POLICY, DEFAULT_TIMEOUTS, listModels, type ProviderTarget } from '../provider';
import { createKnownSecrets, rememberSecrets, type KnownSecrets } from '../secrets/known-secrets';
import { createTeamFolder, type WatchTiming } from '../team-folder';
import type { SpawnEstimateWorker } from '../capability/estimator';
import { createCapabilityHandlers } from './capability-handlers';
import { createRunChoicesHandlers } from './run-choices-handlers';
import { guarded } from './guarded';
import type { LocalEngine } from '../local';
import { createKeyManager } from './keys';
import { createLocalHandlers } from './local-handlers';
import { localConfigOf } from './local-profiles';
import { createLibraryHandlers } from './library-handlers';
import { createPresetsRepo } from './presets-repo';
import { createProfileHandlers } from './profile-handlers';
import { SEEDED_PROFILE_ID } from './profiles';
import { createRunManager, type RunContext, type RunTarget } from './run-manager';
import { createSettingsRepo } from './settings-repo';
import { createTeamHandlers } from './team-handlers';
import { createCasesRepo } from './cases-repo';
import { createGridHandlers } from './grid-handlers';

/** What the service is built from; each composition root (Electron, web mode, tests) supplies its adapters. */
export interface ServiceDeps {
  fetch: FetchLike;
  clock: Clock;
  secrets: SecretStore;
  openStore: OpenJsonStore;
  history: HistoryStore;
  /** R9S_BASE_URL and R9S_API_KEY seed (and key) the "r9s" profile; R9S_LOCAL_MODEL seeds the "local" one. */
  env: { baseUrl?: string; apiKey?: string; localModel?: string; autoCheck?: boolean };
  /** Runs local (GGUF) profiles; the service disposes it on shutdown. Absent: local profiles cannot run. */
  localEngine?: LocalEngine;
  logger: Logger;
  /** What the composition root must tell the user at start (a data folder lock taken over from a crashed process). */
  notices?: readonly string[];
  /** Every key seen, shared with the host's logger so it redacts them too (default: the service's own set). */
  knownSecrets?: KnownSecrets;
  /** The OS folder picker for the team folder; absent in web mode, where the page types a path. */
  pickFolder?: FolderPicker;
  /** How quickly the team folder notices changes (tests of the rescan alone turn the watch off). */
  teamFolderTiming?: WatchTiming;
  /** The OS file picker for a local model's .gguf file; absent in web mode, where the page types a path. */
  pickModelFile?: FilePicker;
  /** Starts the token-estimate worker; absent (tests, the CLI): estimates are counted in this thread. */
  spawnEstimateWorker?: SpawnEstimateWorker;
}

/**
 * Every invoke method of PlaygroundApi, each taking the context of the page that asked after its arguments, so the
 * dispatcher calls them by name with what it parsed; plus what only the hosts call.
 */
export type PlaygroundService = InvokeHandlers<RunContext> & {
  /** Aborts the runs of a page that went away (docs/architecture.md#one-run-one-terminal-event). */
  abortOwner(ownerId: string): void;
  /** Cancels every run, waits for their history records, writes a pending draft and closes history. */
  shutdown(): Promise<void>;
};

/** Builds the playground service: the one implementation of PlaygroundApi behind every transport. */
export const createPlaygroundService = (deps: ServiceDeps): PlaygroundService => {
  const { history, logger } = deps;
  const notices: string[] = [...(deps.notices ?? [])];
  const open = (name: 'settings' | 'presets' | 'cases') => {
    const { store, notice } = deps.openStore(name);
    if (notice) notices.push(notice);
    return store;
  };
  const settingsStore = open('settings');
  const settings = createSettingsRepo({
    store: settingsStore,
    notices,
    liveNotices: () => history.notices(),
    ...(deps.env.baseUrl ? { envBaseUrl: deps.env.baseUrl } : {}),
    ...(deps.env.localModel ? { envLocalModel: deps.env.localModel } : {}),
    defaultRetry: DEFAULT_RETRY_POLICY,
    logger,
  });
  const presets = createPresetsRepo(open('presets'), notices);
  const cases = createCasesRepo(open('cases'), notices);
  const known = deps.knownSecrets ?? createKnownSecrets();
  known.add(deps.env.apiKey);
  const secrets = rememberSecrets(deps.secrets, known);
  // Every profile's key, read once now, so a key echoed into any run's output is recognised from the start.
  for (const profile of settings.profiles()) void secrets.get(profile.id).catch(() => undefined);
  const keys = createKeyManager(secrets, deps.env);
  keys.bindEnvKey(settings.profile(SEEDED_PROFILE_ID));
  const runs = createRunManager({ ...deps, secrets: known.list });
  // The team folder's path is one more entry of the settings document, owned by the team folder alone.
  const team = createTeamFolder({
    setting: {
      get: () => settingsStore.get('teamFolder'),
      set: (path) =>
        path === undefined ? settingsStore.delete('teamFolder') : settingsStore.set('teamFolder', path),
    },
    ...(deps.pickFolder ? { pickFolder: deps.pickFolder } : {}),
    ...(deps.teamFolderTiming ? { timing: deps.teamFolderTiming } : {}),
    logger,
  });
  try {
    history.setRetention(settings.prefs().historyRetention);
  } catch (error) {
    logger.error('history: setRetention failed', { error: String(error).slice(0, 200) });
  }

  const capability = createCapabilityHandlers({
    store: settingsStore,
    notices,
    logger,
    fetch: deps.fetch,
    now: () => deps.clock.now(),
    profile: (id) => settings.profile(id),
    profileIds: () => settings.profiles().map((p) => p.id),
    targetOf: (profile) => targetOf(profile),
    ...(deps.localEngine ? { localEngine: deps.localEngine } : {}),
    autoCheck: deps.env.autoCheck ?? true,
    ...(deps.spawnEstimateWorker ? { spawnEstimateWorker: deps.spawnEstimateWorker } : {}),
  });

  const withProfile = async <T>(
    profileId: string,
    fn: (p: Profile) => Promise<Result<T>>,
  ): Promise<Result<T>> => {
    const profile = settings.profile(profileId);
    return profile ? fn(profile) : fail('not_found', `There is no profile with id ${profileId}.`);
  };

  const noEngine = () =>
    fail('unavailable', 'Local models are not available in this build of the app.', {
      code: 'no_local_engine',
    });

  const targetOf = async (profile: Profile): Promise<Result<ProviderTarget>> => {
    const key = await keys.resolve(profile);
    if (!key.ok) return key;
    const { baseUrl, headers, retry } = profile;
    const timeouts = {
      headersMs: profile.headersTimeoutMs ?? DEFAULT_TIMEOUTS.headersMs,
      idleMs: profile.idleTimeoutMs ?? DEFAULT_TIMEOUTS.idleMs,
    };
    return ok({ baseUrl, headers, retry, timeouts, ...(key.value ? { apiKey: key.value } : {}) });
  };

  return {
    startRun: (request, ctx) =>
      guarded('start the run', async () => {
        const started = await runs.start(request, ctx, () =>
          withProfile(request.profileId, async (profile): Promise<Result<RunTarget>> => {
            const local = localConfigOf(profile);
            if (local) {
              if (!deps.localEngine) return noEngine();
              // The same output limit per choice as HTTP runs (run-local-completion.ts).
              const base = { profileName: profile.name, outputLimitChars: settings.prefs().outputLimitChars };
              return ok({ ...base, local });
            }
            const target = await targetOf(profile);
            if (!target.ok) return target;
            // A grid cell's 429 goes back to the grid's scheduler, which pauses the whole endpoint
            // (shared/grid/endpoint-lane.ts) rather than each cell waiting out its own backoff.
            const retry = request.grid ? { ...target.value.retry, enabled: false } : target.value.retry;
            return ok({
              target: { ...target.value, retry },
              profileName: profile.name,
              outputLimitChars: settings.prefs().outputLimitChars,
            });
          }),
        );
        if (started.ok && settings.prefs().lastModel !== request.params.model) {
          try {
            settings.setPrefs({ lastModel: request.params.model });
          } catch (error) {
            logger.warn('settings: could not remember the last model', {
              error: String(error).slice(0, 200),
            });
          }
        }
        return started;
      }),
    cancelRun: (runId, ctx) => Promise.resolve(ok({ wasRunning: runs.cancel(runId, ctx.ownerId) })),
    abortOwner: (ownerId) => runs.abortOwner(ownerId),
    listModels: (profileId) =>
      guarded('list the models', () =>
        withProfile(profileId, async (profile) => {
          const local = localConfigOf(profile);
          if (local) return deps.localEngine ? deps.localEngine.listModels(local) : noEngine();
          const target = await targetOf(profile);
          return target.ok ? listModels(target.value, deps.fetch) : target;
        }),
      ),

    ...createProfileHandlers({ settings, keys, history, withProfile }),
    ...createLibraryHandlers({ settings, presets, history, known }),
    ...createTeamHandlers({
      team,
      presets,
      activeBaseUrl: () => settings.profile(settings.view().activeProfileId)?.baseUrl ?? '',
    }),
    ...createLocalHandlers({
      ...(deps.localEngine ? { engine: deps.localEngine } : {}),
      profile: (profileId) => settings.profile(profileId),
      ...(deps.pickModelFile ? { pickModelFile: deps.pickModelFile } : {}),
      logger,
    }),
    ...createGridHandlers({ repo: cases, history }),
    ...capability.handlers,
    ...createRunChoicesHandlers({
      store: settingsStore,
      notices,
      profile: (id) => settings.profile(id),
      profileIds: () => settings.profiles().map((p) => p.id),
    }),

    async shutdown() {
      await runs.stopAll();
      await team.stop();
      await capability.dispose();
      await deps.localEngine?.dispose();
      try {
        settings.flush();
      } catch (error) {
        logger.error('settings: could not write the draft', { error: String(error).slice(0, 200) });
      }
      await history.close();
    },
  };
};
