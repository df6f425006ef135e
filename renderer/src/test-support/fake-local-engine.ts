/**
 * A local engine for component tests, added onto the fake api: a local profile (made active), an engine check the
 * test can hold back or fail, and a model load the test moves along (`progress`, `finish`) as main's engine would;
 * it records what the UI asked for.
 */
import type { Profile } from '../../../shared/api';
import type { LocalEngineCheck, LocalModelStatus } from '../../../shared/local-model';
import { fail, ok } from '../../../shared/result';
import type { FakeApi } from './fake-api';

/** The fake engine and what the UI did with it. */
export interface FakeLocalEngine {
  profile: Profile;
  status: LocalModelStatus;
  /** Calls the UI made, in order: `load`, `cancel`, `status`, `choose`. */
  calls: string[];
  /** Answers the held engine check (see `holdCheck`). */
  answerCheck: (check: LocalEngineCheck) => void;
  /** The load under way reports this progress. */
  progress: (value: number) => void;
}

/** Gives `api` an active local profile "Tiny GGUF" and an engine; `holdCheck` keeps the check pending. */
export function addFakeLocalEngine(
  api: FakeApi,
  init: { check?: LocalEngineCheck; holdCheck?: boolean; pickedFile?: string | null } = {},
): FakeLocalEngine {
  const base = api.settings.profiles[0]!;
  const profile: Profile = {
    ...base,
    id: 'local',
    name: 'Tiny GGUF',
    kind: 'local',
    baseUrl: '',
    local: { modelPath: '/models/tiny.gguf' },
  };
  api.settings = { ...api.settings, profiles: [profile, ...api.settings.profiles], activeProfileId: 'local' };
  let answer: (check: LocalEngineCheck) => void = () => {};
  const engine: FakeLocalEngine = {
    profile,
    status: { state: 'idle', progress: 0 },
    calls: [],
    answerCheck: (check) => answer(check),
    progress: (value) => {
      engine.status = { state: 'loading', progress: value };
    },
  };
  const check = init.check ?? { available: true, gpu: false, canPickFile: false };
  api.checkLocalEngine = () =>
    init.holdCheck ? new Promise((resolve) => (answer = (c) => resolve(ok(c)))) : Promise.resolve(ok(check));
  const known = (id: string) =>
    id === profile.id ? undefined : fail('invalid_input', `${id} is not a local model profile.`);
  api.loadLocalModel = (id) => {
    engine.calls.push('load');
    if (engine.status.state !== 'loaded') engine.status = { state: 'loading', progress: 0 };
    return Promise.resolve(known(id) ?? ok(engine.status));
  };
  api.localModelStatus = (id) => {
    engine.calls.push('status');
    return Promise.resolve(known(id) ?? ok(engine.status));
  };
  api.cancelLocalModelLoad = (id) => {
    engine.calls.push('cancel');
    if (engine.status.state === 'loading')
      engine.status = {
        state: 'cancelled',
        progress: 0,
        error: { kind: 'unavailable', message: 'Loading the model was cancelled.', code: 'cancelled' },
      };
    return Promise.resolve(known(id) ?? ok(engine.status));
  };
  api.chooseLocalModelFile = () => {
    engine.calls.push('choose');
    return Promise.resolve(
      init.pickedFile === undefined
        ? fail(
            'unavailable',
            'There is no file picker in web mode: type the full path of the .gguf file instead.',
          )
        : ok(init.pickedFile),
    );
  };
  return engine;
}
