/**
 * The local model methods of the service: can the engine run here, load a profile's model in the background and
 * report its status for the page to poll (docs/architecture.md#invoke-and-push), cancel that load, and the desktop's
 * file picker for a .gguf file.
 */
import type { PlaygroundApi, Profile } from '../../../shared/api';
import { fail, ok, type Result } from '../../../shared/result';
import type { LocalEngine, LocalModelConfig } from '../local';
import type { FilePicker, Logger } from '../ports';
import { guarded } from './guarded';
import { localConfigOf } from './local-profiles';

type LocalMethods =
  | 'checkLocalEngine'
  | 'loadLocalModel'
  | 'localModelStatus'
  | 'cancelLocalModelLoad'
  | 'chooseLocalModelFile';

/** Why a local profile cannot run when the host wired no engine. */
export const NO_ENGINE_MESSAGE = 'Local models are not available in this build of the app.';

/** The local model methods; `profile` looks a profile up by id. */
export const createLocalHandlers = (deps: {
  engine?: LocalEngine;
  profile: (profileId: string) => Profile | undefined;
  pickModelFile?: FilePicker;
  logger: Pick<Logger, 'warn'>;
}): Pick<PlaygroundApi, LocalMethods> => {
  const { engine } = deps;

  /** The engine and the model config of a local profile, or why there is none. */
  const localOf = (profileId: string): Result<{ engine: LocalEngine; config: LocalModelConfig }> => {
    const profile = deps.profile(profileId);
    if (!profile) return fail('not_found', `There is no profile with id ${profileId}.`);
    const config = localConfigOf(profile);
    if (!config) return fail('invalid_input', `${profile.name} is not a local model profile.`);
    if (!engine) return fail('unavailable', NO_ENGINE_MESSAGE, { code: 'no_local_engine' });
    return ok({ engine, config });
  };

  return {
    checkLocalEngine: () =>
      guarded('check the local engine', async () => {
        const canPickFile = deps.pickModelFile !== undefined;
        if (!engine) return ok({ available: false, gpu: false, problem: NO_ENGINE_MESSAGE, canPickFile });
        const checked = await engine.check();
        return ok(
          checked.ok
            ? { available: true, gpu: checked.value.gpu, canPickFile }
            : { available: false, gpu: false, problem: checked.error.message, canPickFile },
        );
      }),
    loadLocalModel: (profileId) =>
      guarded('load the model', () => {
        const local = localOf(profileId);
        if (!local.ok) return local;
        const { engine: e, config } = local.value;
        // Nobody waits here: the page polls the status, and only cancelLocalModelLoad stops this load.
        void e.load(config).then(
          (loaded) => {
            if (!loaded.ok && loaded.error.code !== 'cancelled')
              deps.logger.warn('local: load failed', { message: loaded.error.message.slice(0, 300) });
          },
          (error: unknown) => deps.logger.warn('local: load threw', { error: String(error).slice(0, 300) }),
        );
        return ok(e.status(config));
      }),
    localModelStatus: (profileId) =>
      guarded('read the model status', () => {
        const local = localOf(profileId);
        return local.ok ? ok(local.value.engine.status(local.value.config)) : local;
      }),
    cancelLocalModelLoad: (profileId) =>
      guarded('cancel the load', () => {
        const local = localOf(profileId);
        if (!local.ok) return local;
        local.value.engine.cancelLoad(local.value.config);
        return ok(local.value.engine.status(local.value.config));
      }),
    chooseLocalModelFile: () =>
      guarded('choose the model file', async () => {
        if (!deps.pickModelFile)
          return fail(
            'unavailable',
            'There is no file picker in web mode: type the full path of the .gguf file instead.',
            { code: 'no_picker' },
          );
        return ok((await deps.pickModelFile()) ?? null);
      }),
  };
};
