/**
 * The one PlaygroundApi of component tests: in memory, recording what the UI asked for, answering runs by a script.
 * Not a mock of fetch or of the engine: the renderer only ever sees this interface. The methods no test needs are
 * made from the method list and answer `invalid_input`, so a method added to the API needs no edit here.
 */
import type {
  HistoryEntry,
  HistorySummary,
  PlaygroundApi,
  Profile,
  SettingsView,
  StoredGrid,
} from '../../../shared/api';
import type { StoredCaseSet } from '../../../shared/cases/stored-case-set';
import { invokeMembers } from '../../../shared/channels';
import { fail, ok } from '../../../shared/result';
import type { RunEvent } from '../../../shared/run-events';
import type { Draft, Preset, RunRequest } from '../../../shared/schemas';

/**
 * How the fake answers a run: the events after `started` (default: one delta and done); `'hold'` sends only
 * `started` and leaves the rest to `emit`; `'manual'` sends nothing at all, not even `cancelled` when the run is
 * cancelled: the test emits every event itself.
 */
export type RunScript = (request: RunRequest) => Omit<RunEvent, 'runId'>[] | 'hold' | 'manual';

/** The fake api and what it recorded. */
export interface FakeApi extends PlaygroundApi {
  /** Every run request, in order. */
  runs: RunRequest[];
  cancelled: string[];
  savedDrafts: Draft[];
  presets: Map<string, Preset>;
  history: HistoryEntry[];
  settings: SettingsView;
  script: RunScript;
  /** Sends a run event to the subscribers, as main would. */
  emit: (event: RunEvent) => void;
  /** Simulates an `r9s-playground://import` link opened from outside. */
  openImportLink: (code: string) => void;
  /** Case sets kept with the user's data, by id. */
  caseSets: Map<string, StoredCaseSet>;
  /** The stored grid as getGrid answers it (a test sets `results` to what history would rebuild). */
  grid: StoredGrid | null;
}

const metrics = { durationMs: 12, attempts: 1 };

/** The text the default script streams for a request, so tests can expect it. */
export const fakeOutput = (r: RunRequest): string =>
  `${r.params.model} says ${r.params.prompt.length} chars at t=${r.params.temperature ?? 'unset'}`;

const profile = (id: string, name: string, baseUrl: string): Profile => ({
  id,
  name,
  baseUrl,
  retry: {
    enabled: false,
    initialIntervalMs: 500,
    maxIntervalMs: 60_000,
    exponent: 1.5,
    maxElapsedMs: 3_600_000,
    maxAttempts: 1,
    retryConnectionErrors: false,
    retryServerErrors: false,
  },
  headers: {},
});

const summary = (e: HistoryEntry): HistorySummary => {
  const { id, startedAt, status, model, profileName, presetName, promptPreview, outputPreview, starred } = e;
  const { paramsBrief } = e;
  return {
    id,
    startedAt,
    status,
    model,
    profileName,
    promptPreview,
    outputPreview,
    starred,
    ...(presetName ? { presetName } : {}),
    ...(paramsBrief ? { paramsBrief } : {}),
  };
};

/** Makes the fake, with a profile on http://127.0.0.1:9 (active) and one on https://api.r9s.ai. */
export function createFakeApi(
  init: { draft?: Draft | null; presets?: Preset[]; history?: HistoryEntry[]; script?: RunScript } = {},
): FakeApi {
  const runListeners = new Set<(e: RunEvent) => void>();
  const importListeners = new Set<(code: string) => void>();
  const manualRuns = new Set<string>();
  let draft: Draft | null = init.draft ?? null;
  const emit = (event: RunEvent) => runListeners.forEach((l) => l(event));

  const api: FakeApi = {
    ...invokeMembers((method) => Promise.resolve(fail('invalid_input', `${method} is not in this fake`))),
    runs: [],
    cancelled: [],
    savedDrafts: [],
    presets: new Map((init.presets ?? []).map((p) => [p.id, p])),
    history: init.history ?? [],
    settings: {
      profiles: [profile('p1', 'Local', 'http://127.0.0.1:9'), profile('p2', 'Remote', 'https://api.r9s.ai')],
      activeProfileId: 'p1',
      theme: 'light',
      compareConcurrency: 4,
      historyRetention: 1000,
      outputLimitChars: 4 * 1024 * 1024,
      notices: [],
    },
    script:
      init.script ??
      ((r) => [
        { type: 'delta', choice: 0, text: fakeOutput(r) },
        {
          type: 'done',
          choices: [{ index: 0, finishReason: 'stop' }],
          metrics,
          response: { status: 200, statusText: 'OK', headers: {} },
        },
      ]),
    emit,
    openImportLink: (code) => importListeners.forEach((l) => l(code)),

    startRun(request) {
      api.runs.push(request);
      const steps = api.script(request);
      if (steps === 'manual') manualRuns.add(request.runId);
      else {
        const url = 'http://127.0.0.1:9/v1/completions';
        setTimeout(() => {
          emit({
            type: 'started',
            runId: request.runId,
            request: { url, method: 'POST', headers: {}, body: {} },
            streamed: true,
            at: 0,
          });
          if (steps !== 'hold') for (const s of steps) emit({ ...s, runId: request.runId } as RunEvent);
        }, 0);
      }
      return Promise.resolve(ok({ runId: request.runId }));
    },
    cancelRun(runId) {
      api.cancelled.push(runId);
      if (!manualRuns.has(runId)) setTimeout(() => emit({ type: 'cancelled', runId, metrics }), 0);
      return Promise.resolve(ok({ wasRunning: true }));
    },
    onRunEvent(listener) {
      runListeners.add(listener);
      return () => runListeners.delete(listener);
    },
    listModels: () => Promise.resolve(ok([{ id: 'fake-model' }])),
    getSettings: () => Promise.resolve(ok(api.settings)),
    updateSettings(patch) {
      api.settings = { ...api.settings, ...patch };
      return Promise.resolve(ok(api.settings));
    },
    removeProfile: () => Promise.resolve(ok(api.settings)),
    setApiKey: (profileId) =>
      Promise.resolve(ok({ profileId, configured: true, storage: 'session' as const })),
    clearApiKey: (profileId) =>
      Promise.resolve(ok({ profileId, configured: false, storage: 'none' as const })),
    getKeyStatus: (profileId) =>
      Promise.resolve(ok({ profileId, configured: true, storage: 'session' as const })),
    confirmKeyOrigin: (profileId) =>
      Promise.resolve(ok({ profileId, configured: true, storage: 'session' as const })),
    getDraft: () => Promise.resolve(ok(draft)),
    saveDraft(d) {
      draft = d;
      api.savedDrafts.push(d);
      return Promise.resolve(ok(null));
    },
    listPresets: () => Promise.resolve(ok([...api.presets.values()])),
    savePreset(p) {
      api.presets.set(p.id, p);
      return Promise.resolve(ok(p));
    },
    deletePreset(id) {
      const p = api.presets.get(id);
      if (!p) return Promise.resolve(fail('not_found', 'no such preset'));
      api.presets.delete(id);
      return Promise.resolve(ok(p));
    },
    listHistory(q) {
      const needle = q.search?.toLowerCase() ?? '';
      const all = [...api.history]
        .reverse()
        .filter((e) => !needle || e.params.prompt.toLowerCase().includes(needle) || e.model.includes(needle))
        .filter((e) => q.starred === undefined || e.starred === q.starred);
      const offset = q.offset ?? 0;
      return Promise.resolve(
        ok({ total: all.length, items: all.slice(offset, offset + (q.limit ?? 200)).map(summary) }),
      );
    },
    getHistoryEntry(id) {
      const e = api.history.find((h) => h.id === id);
      return Promise.resolve(e ? ok(e) : fail('not_found', 'no such entry'));
    },
    starHistoryEntry(id, starred) {
      const e = api.history.find((h) => h.id === id);
      if (!e) return Promise.resolve(fail('not_found', 'no such entry'));
      e.starred = starred;
      return Promise.resolve(ok(summary(e)));
    },
    deleteHistoryEntry(id) {
      api.history = api.history.filter((h) => h.id !== id);
      return Promise.resolve(ok(null));
    },
    exportHistory: (format) => Promise.resolve(ok(format === 'csv' ? 'id\r\n' : '{}\n')),
    onImportRequest(listener) {
      importListeners.add(listener);
      return () => importListeners.delete(listener);
    },
    caseSets: new Map(),
    grid: null,
    listCaseSets: () => Promise.resolve(ok([...api.caseSets.values()])),
    saveCaseSet(set) {
      api.caseSets.set(set.id, set);
      return Promise.resolve(ok(set));
    },
    deleteCaseSet(id) {
      const set = api.caseSets.get(id);
      if (!set) return Promise.resolve(fail('not_found', 'no such case set'));
      api.caseSets.delete(id);
      return Promise.resolve(ok(set));
    },
    saveGrid(plan) {
      api.grid = { plan, results: api.grid?.plan.id === plan.id ? api.grid.results : [] };
      return Promise.resolve(ok(null));
    },
    getGrid: () => Promise.resolve(ok(api.grid)),
    clearGrid(gridId) {
      if (api.grid?.plan.id === gridId) api.grid = null;
      return Promise.resolve(ok(null));
    },
  };
  return api;
}
