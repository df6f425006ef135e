/**
 * A PlaygroundApi for component tests: in memory, every call recorded, run events pushed by the test with `emit`.
 * Not a mock of fetch or of the engine — the renderer only ever sees this interface.
 */
import type { PlaygroundApi, SettingsView } from '../../../shared/api';
import { ok, type Result } from '../../../shared/result';
import type { RunEvent } from '../../../shared/run-events';
import type { Draft, RunRequest } from '../../../shared/schemas';

/** The fake and what it recorded. */
export interface FakeApi {
  api: PlaygroundApi;
  started: RunRequest[];
  cancelled: string[];
  savedDrafts: Draft[];
  emit(event: RunEvent): void;
  settings: SettingsView;
}

const notUsed = <T>(): Promise<Result<T>> =>
  Promise.resolve({ ok: false, error: { kind: 'invalid_input', message: 'not in this fake' } });

/** Makes the fake; `draft` is what getDraft returns. */
export function createFakeApi(draft: Draft | null = null): FakeApi {
  const listeners = new Set<(e: RunEvent) => void>();
  const settings: SettingsView = {
    profiles: [
      {
        id: 'p1',
        name: 'Test',
        baseUrl: 'http://127.0.0.1:9',
        retry: {
          enabled: true,
          initialIntervalMs: 500,
          maxIntervalMs: 8000,
          exponent: 1.5,
          maxElapsedMs: 30000,
          maxAttempts: 3,
          retryConnectionErrors: true,
          retryServerErrors: false,
        },
        headers: {},
      },
    ],
    activeProfileId: 'p1',
    theme: 'system',
    compareConcurrency: 2,
    historyRetention: 100,
    outputLimitChars: 4 * 1024 * 1024,
    notices: [],
  };
  const fake: FakeApi = {
    started: [],
    cancelled: [],
    savedDrafts: [],
    settings,
    emit: (e) => listeners.forEach((l) => l(e)),
    api: {
      startRun: (request) => {
        fake.started.push(request);
        return Promise.resolve(ok({ runId: request.runId }));
      },
      cancelRun: (runId) => {
        fake.cancelled.push(runId);
        return Promise.resolve(ok({ wasRunning: true }));
      },
      onRunEvent: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      listModels: () => Promise.resolve(ok([{ id: 'model-a' }, { id: 'model-b' }])),
      getSettings: () => Promise.resolve(ok(settings)),
      updateSettings: (patch) => Promise.resolve(ok(Object.assign(settings, patch))),
      saveProfile: () => notUsed(),
      removeProfile: () => notUsed(),
      setApiKey: () => notUsed(),
      clearApiKey: () => notUsed(),
      getKeyStatus: (profileId) =>
        Promise.resolve(ok({ profileId, configured: false, storage: 'none' as const })),
      confirmKeyOrigin: () => notUsed(),
      getDraft: () => Promise.resolve(ok(draft)),
      saveDraft: (d) => {
        fake.savedDrafts.push(d);
        return Promise.resolve(ok(null));
      },
      listPresets: () => Promise.resolve(ok([])),
      savePreset: () => notUsed(),
      deletePreset: () => notUsed(),
      listHistory: () => Promise.resolve(ok({ total: 0, items: [] })),
      getHistoryEntry: () => notUsed(),
      starHistoryEntry: () => notUsed(),
      deleteHistoryEntry: () => notUsed(),
      exportHistory: () => notUsed(),
      onImportRequest: () => () => undefined,
    },
  };
  return fake;
}
