/**
 * The service's "know the server" methods: the check's plan and run, the stored reports, exact prompt token counts
 * and the price tables. Reports and price tables are entries of the settings document, read through their schemas
 * (docs/architecture.md#validate-at-boundaries) and written before they are returned
 * (docs/architecture.md#data-is-sacred). Price tables stay here: presets, exports and share codes never read them.
 */
import type { InvokeHandlers, PriceTables, Profile } from '../../../shared/api';
import { storedReportsSchema, storeReport, type StoredReports } from '../../../shared/capabilities';
import { findReport } from '../../../shared/capabilities';
import { planCapabilityCheck } from '../../../shared/capability-plan';
import { priceTableSchema } from '../../../shared/cost';
import { isPrivateEndpoint } from '../../../shared/private-endpoint';
import { fail, ok, type Result } from '../../../shared/result';
import { EXACT_LABEL, type TokenCount } from '../../../shared/token-budget';
import { countTokensExact, runCapabilityCheck } from '../capability';
import { createTokenEstimator, type SpawnEstimateWorker } from '../capability/estimator';
import { localCapabilityReport } from '../capability/local-report';
import type { LocalEngine, LocalModelConfig } from '../local';
import { DEFAULT_CONTEXT_CAP } from '../local/worker-models';
import type { FetchLike, JsonStore, Logger } from '../ports';
import type { ProviderTarget } from '../provider';
import { guarded } from './guarded';
import { localConfigOf } from './local-profiles';
import type { RunContext } from './run-manager';

/** The methods this file implements. */
type CapabilityMethods =
  | 'planServerCheck'
  | 'checkServer'
  | 'listCapabilityReports'
  | 'countPromptTokens'
  | 'getPriceTables'
  | 'setPriceTable';

/** What the handlers need from the service. */
export interface CapabilityDeps {
  store: JsonStore;
  notices: string[];
  logger: Logger;
  fetch: FetchLike;
  now: () => number;
  profile: (id: string) => Profile | undefined;
  profileIds: () => string[];
  targetOf: (profile: Profile) => Promise<Result<ProviderTarget>>;
  localEngine?: LocalEngine;
  /** False turns the page's automatic check of loopback/private profiles off (R9S_AUTO_CHECK=0). */
  autoCheck: boolean;
  /** Starts the worker that estimates token counts; without one they are counted in this thread. */
  spawnEstimateWorker?: SpawnEstimateWorker;
}

const REPORTS_KEY = 'capabilityReports';
const PRICES_KEY = 'prices';

/** Reads the stored reports; an unreadable entry is dropped with a notice, never a crash. */
const readReports = (deps: CapabilityDeps): StoredReports => {
  const raw = deps.store.get(REPORTS_KEY);
  if (raw === undefined) return [];
  const parsed = storedReportsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  deps.notices.push('The stored server checks could not be read and were ignored; check the servers again.');
  return [];
};

/** Reads the price tables, keeping each valid one. */
const readPrices = (deps: CapabilityDeps): PriceTables => {
  const raw = deps.store.get(PRICES_KEY);
  const out: PriceTables = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return out;
  for (const [id, table] of Object.entries(raw)) {
    const parsed = priceTableSchema.safeParse(table);
    if (parsed.success) Object.defineProperty(out, id, { value: parsed.data, enumerable: true });
    else deps.notices.push(`An invalid price table in the settings file was ignored (profile ${id}).`);
  }
  return out;
};

/** The context the engine gives a local model: the profile's setting, else the trained length up to the cap. */
const localContext = async (engine: LocalEngine, config: LocalModelConfig): Promise<number | undefined> => {
  if (config.contextSize) return config.contextSize;
  const summary = await engine.inspect(config);
  const trained = summary.ok ? summary.value.trainContextLength : undefined;
  return trained ? Math.min(trained, DEFAULT_CONTEXT_CAP) : undefined;
};

/** Builds the handlers, and what the service's shutdown stops (the estimate worker). */
export const createCapabilityHandlers = (
  deps: CapabilityDeps,
): { handlers: Pick<InvokeHandlers<RunContext>, CapabilityMethods>; dispose: () => Promise<void> } => {
  const estimator = createTokenEstimator(deps.spawnEstimateWorker);
  let reports = readReports(deps);
  let prices = readPrices(deps);
  /** The count each page is waiting for: a newer one aborts it (the page has typed again). */
  const counts = new Map<string, AbortController>();

  const withProfile = async <T>(
    id: string,
    fn: (p: Profile) => Promise<Result<T>> | Result<T>,
  ): Promise<Result<T>> => {
    const profile = deps.profile(id);
    return profile ? fn(profile) : fail('not_found', `There is no profile with id ${id}.`);
  };
  const keep = (profileId: string, report: StoredReports[number]['report']) => {
    const next = storeReport(reports, profileId, report);
    deps.store.set(REPORTS_KEY, next);
    reports = next;
  };

  const handlers: Pick<InvokeHandlers<RunContext>, CapabilityMethods> = {
    planServerCheck: (profileId) =>
      withProfile(profileId, (profile) => {
        if (localConfigOf(profile)) {
          const summary = 'No requests: the local engine says what it supports.';
          return ok({ profileId, requests: 0, tokens: 0, summary, automatic: deps.autoCheck });
        }
        const plan = planCapabilityCheck();
        return ok({
          profileId,
          requests: plan.requests,
          tokens: plan.tokens.total,
          summary: plan.summary,
          automatic: deps.autoCheck && isPrivateEndpoint(profile.baseUrl),
        });
      }),

    checkServer: (profileId, model) =>
      guarded('check the server', () =>
        withProfile(profileId, async (profile) => {
          const local = localConfigOf(profile);
          if (local) {
            if (!deps.localEngine)
              return fail('unavailable', 'Local models are not available in this build of the app.');
            const contextTokens = await localContext(deps.localEngine, local);
            const report = localCapabilityReport({
              model,
              now: deps.now(),
              ...(contextTokens ? { contextTokens } : {}),
            });
            keep(profile.id, report);
            return ok(report);
          }
          const target = await deps.targetOf(profile);
          if (!target.ok) return target;
          const result = await runCapabilityCheck({
            target: target.value,
            model,
            fetch: deps.fetch,
            signal: new AbortController().signal,
            now: deps.now,
          });
          if (result.ok) keep(profile.id, result.value);
          return result;
        }),
      ),

    listCapabilityReports: () => Promise.resolve(ok(reports)),

    countPromptTokens: (profileId, model, text, ctx) =>
      withProfile(profileId, async (profile): Promise<Result<TokenCount>> => {
        counts.get(ctx.ownerId)?.abort();
        const controller = new AbortController();
        counts.set(ctx.ownerId, controller);
        try {
          const local = localConfigOf(profile);
          if (local) {
            if (!deps.localEngine) return ok(await estimator.estimate(text, model));
            // Not aborted mid-way: cancelling the model's first load would also fail a run waiting on the same load.
            // A count that was replaced is only dropped once it answers.
            const tokens = await deps.localEngine.tokenize(local, text);
            if (controller.signal.aborted) return fail('network', 'The token count was cancelled.');
            return tokens.ok
              ? ok({ count: tokens.value.length, exact: true, label: 'exact (model tokenizer)' })
              : tokens;
          }
          const dialect = findReport(reports, profile.id, model)?.tokenizer;
          const target = dialect ? await deps.targetOf(profile) : undefined;
          if (dialect && target?.ok) {
            const counted = await countTokensExact(dialect, {
              target: target.value,
              model,
              text,
              fetch: deps.fetch,
              signal: controller.signal,
            });
            if (counted.ok) return ok({ ...counted.value, label: EXACT_LABEL });
            if (controller.signal.aborted) return counted;
          }
          // No tokenize endpoint, or it failed: an estimate that says it is one.
          return ok(await estimator.estimate(text, model));
        } finally {
          if (counts.get(ctx.ownerId) === controller) counts.delete(ctx.ownerId);
        }
      }),

    getPriceTables: () => Promise.resolve(ok(prices)),

    setPriceTable: (profileId, table) =>
      guarded('save the price table', () =>
        withProfile(profileId, (profile) => {
          const next: PriceTables = {};
          for (const id of deps.profileIds())
            if (id !== profile.id && Object.hasOwn(prices, id)) next[id] = prices[id]!;
          if (table) next[profile.id] = table;
          deps.store.set(PRICES_KEY, next);
          prices = next;
          return ok(prices);
        }),
      ),
  };
  return { handlers, dispose: () => estimator.dispose() };
};
