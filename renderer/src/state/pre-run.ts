/**
 * The question asked before a run the server is known to refuse or that cannot fit its context: built from the
 * stored report of the run's profile + model, the remembered choices of that profile, and the prompt's last count.
 */
import { findReport } from '../../../shared/capabilities';
import { rejectionFor, withoutRejected, type KnownRejection } from '../../../shared/capability-rejections';
import type { Draft } from '../../../shared/schemas';
import { contextBudget } from '../../../shared/token-budget';
import type { ServerState } from './server-store';

/** A run waiting for the user's answer. */
export interface PreRunQuestion {
  profileId: string;
  draft: Draft;
  /** Known rejections the user has not answered for this profile. */
  rejections: KnownRejection[];
  /** Set when prompt + max_tokens is known not to fit the context. */
  overflow?: Overflow;
}

/** Prompt + max_tokens against a context it does not fit, with the count's label. */
export interface Overflow {
  promptTokens: number;
  needed: number;
  contextLength: number;
  label: string;
}

/** The run after the remembered answers ("drop" removes the parameter), and what is left to ask. */
export const preRunQuestion = (
  state: ServerState,
  profileId: string,
  draft: Draft,
): { draft: Draft; question?: PreRunQuestion } => {
  const { model, prompt } = draft.params;
  const report = findReport(state.reports, profileId, model.trim());
  if (!report) return { draft };
  const choices = state.choices[profileId] ?? {};
  const all = rejectionFor(report, draft.params);
  const dropped = all.filter((r) => choices[r.param] === 'drop');
  const params = dropped.length > 0 ? withoutRejected(draft.params, dropped) : draft.params;
  const next = dropped.length > 0 ? { ...draft, params } : draft;
  const rejections = all.filter((r) => choices[r.param] === undefined);
  const count = state.promptCount;
  const counted =
    count && count.profileId === profileId && count.model === model && count.prompt === prompt
      ? count
      : undefined;
  const budget = counted
    ? contextBudget(counted.count.count, params.max_tokens, params.n, report.contextLength?.tokens)
    : undefined;
  const overflow: Overflow | undefined =
    budget && budget.verdict === 'does-not-fit'
      ? {
          promptTokens: budget.promptTokens,
          needed: budget.needed,
          contextLength: budget.contextLength,
          label: counted?.count.label ?? '',
        }
      : undefined;
  if (rejections.length === 0 && !overflow) return { draft: next };
  return { draft: next, question: { profileId, draft: next, rejections, ...(overflow ? { overflow } : {}) } };
};
