/**
 * What the page knows about each server: the stored capability reports (one per profile + model), the checks under
 * way, each profile's price table, and the pre-run choices remembered per profile. Reports and prices come from main
 * and are written there before they are shown (docs/architecture.md#data-is-sacred).
 */
import type { PlaygroundApi, PriceTables, ServerCheckPlan } from '../../../shared/api';
import {
  findReport,
  type CapabilityReport,
  type CheckedParam,
  type StoredReports,
} from '../../../shared/capabilities';
import type { PriceTable } from '../../../shared/cost';
import type { Result } from '../../../shared/result';
import type { ProfileRunChoices, RejectionChoice } from '../../../shared/run-choices';
import type { TokenCount } from '../../../shared/token-budget';
import type { PreRunQuestion } from './pre-run';
import { useStores } from './stores-context';
import { createStore, useStoreSelector, type Store } from './tiny-store';

export type { RejectionChoice } from '../../../shared/run-choices';

/** The prompt's latest token count, for the run gate's "cannot fit" question. */
export interface PromptCount {
  profileId: string;
  model: string;
  prompt: string;
  count: TokenCount;
}

/** The server store's state. */
export interface ServerState {
  reports: StoredReports;
  prices: PriceTables;
  plans: Readonly<Record<string, ServerCheckPlan>>;
  /** Keys (`profileId\nmodel`) of checks under way. */
  checking: Readonly<Record<string, true>>;
  /** Why the last check of a key failed. */
  checkErrors: Readonly<Record<string, string>>;
  /** Remembered answers to the pre-run question, per profile and parameter. */
  choices: Readonly<Record<string, Partial<Record<CheckedParam, RejectionChoice>>>>;
  promptCount?: PromptCount;
  /** A run waiting for the pre-run question's answer. */
  question?: PreRunQuestion;
}

/** The server store. */
export interface ServerStore {
  store: Store<ServerState>;
  refresh: () => Promise<void>;
  plan: (profileId: string) => Promise<ServerCheckPlan | undefined>;
  check: (profileId: string, model: string) => Promise<Result<CapabilityReport>>;
  setPrices: (profileId: string, table: PriceTable | null) => Promise<Result<PriceTables>>;
  /** Remembers one answer for several parameters at once (one write, so none overwrites another). */
  remember: (profileId: string, params: readonly CheckedParam[], choice: RejectionChoice) => Promise<void>;
  forget: (profileId: string) => Promise<void>;
  setPromptCount: (count: PromptCount | undefined) => void;
  ask: (question: PreRunQuestion | undefined) => void;
}

/** The key of a profile + model. */
export const reportKey = (profileId: string, model: string) => `${profileId}\n${model}`;

/** Makes the server store over the api. */
export function createServerStore(api: PlaygroundApi): ServerStore {
  const store = createStore<ServerState>({
    reports: [],
    prices: {},
    plans: {},
    checking: {},
    checkErrors: {},
    choices: {},
  });
  // Remembered in main (written before the store shows it): a web-mode page's origin changes with every launch.
  const setChoices = async (profileId: string, choices: ProfileRunChoices | null) => {
    const res = await api.setRunChoices(profileId, choices);
    if (res.ok) store.update((s) => ({ ...s, choices: res.value }));
  };
  return {
    store,
    async refresh() {
      const [reports, prices, choices] = await Promise.all([
        api.listCapabilityReports(),
        api.getPriceTables(),
        api.getRunChoices(),
      ]);
      store.update((s) => ({
        ...s,
        ...(reports.ok ? { reports: reports.value } : {}),
        ...(prices.ok ? { prices: prices.value } : {}),
        ...(choices.ok ? { choices: choices.value } : {}),
      }));
    },
    async plan(profileId) {
      const res = await api.planServerCheck(profileId);
      if (!res.ok) return undefined;
      store.update((s) => ({ ...s, plans: { ...s.plans, [profileId]: res.value } }));
      return res.value;
    },
    async check(profileId, model) {
      const key = reportKey(profileId, model);
      store.update((s) => ({ ...s, checking: { ...s.checking, [key]: true } }));
      const res = await api.checkServer(profileId, model);
      const list = res.ok ? await api.listCapabilityReports() : undefined;
      store.update((s) => {
        const { [key]: _done, ...checking } = s.checking;
        const { [key]: _old, ...checkErrors } = s.checkErrors;
        return {
          ...s,
          checking,
          checkErrors: res.ok ? checkErrors : { ...checkErrors, [key]: res.error.message },
          ...(list?.ok ? { reports: list.value } : {}),
        };
      });
      return res;
    },
    async setPrices(profileId, table) {
      const res = await api.setPriceTable(profileId, table);
      if (res.ok) store.update((s) => ({ ...s, prices: res.value }));
      return res;
    },
    remember: (profileId, params, choice) =>
      setChoices(profileId, {
        ...store.get().choices[profileId],
        ...Object.fromEntries(params.map((param) => [param, choice])),
      }),
    forget: (profileId) => setChoices(profileId, null),
    setPromptCount: (promptCount) => store.update((s) => ({ ...s, promptCount })),
    ask: (question) => store.update((s) => ({ ...s, question })),
  };
}

/** The report of a profile + model, if one is stored. */
export function useReport(profileId: string | undefined, model: string | undefined) {
  return useStoreSelector(useStores().server.store, (s) =>
    profileId && model ? findReport(s.reports, profileId, model) : undefined,
  );
}

/** A slice of the server state. */
export function useServerSelector<T>(select: (s: ServerState) => T): T {
  return useStoreSelector(useStores().server.store, select);
}

/** The server store's actions. */
export function useServerActions(): ServerStore {
  return useStores().server;
}
