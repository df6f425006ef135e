/**
 * The capability report of a local GGUF profile, made without a single request: the engine's own support table says
 * what it honours (main/core/local/local-support.ts), the model's tokenizer counts exactly, and its context size is
 * the profile's setting (or the engine's default cap on the trained length).
 */
import {
  CHECKED_PARAMS,
  type CapabilityReport,
  type CheckedParam,
  type ParamCheck,
} from '../../../shared/capabilities';
import { LOCAL_PARAM_SUPPORT, type LocalSupport } from '../local/local-support';

/** What the report needs to know of the model. */
export interface LocalReportInput {
  model: string;
  /** The context the engine will give the model, when known. */
  contextTokens?: number;
  now: number;
}

const verdictOf = (support: LocalSupport): ParamCheck => {
  const note = support.note ?? 'implemented by the local engine';
  if (support.level === 'none') return { status: 'ignored', reason: note };
  return {
    status: 'honoured',
    evidence: 'accepted',
    reason: support.level === 'partial' ? `partly: ${note}` : note,
  };
};

/** The report of a local model: every parameter from the support table, no requests, no tokens spent. */
export const localCapabilityReport = (input: LocalReportInput): CapabilityReport => {
  const params = Object.fromEntries(
    CHECKED_PARAMS.map((p) => [p, verdictOf(LOCAL_PARAM_SUPPORT[p])]),
  ) as Record<CheckedParam, ParamCheck>;
  const inProcess = { state: 'yes', detail: 'the local engine runs in the app' } as const;
  return {
    version: 1,
    endpoint: 'local',
    model: input.model,
    checkedAt: input.now,
    durationMs: 0,
    server: 'local',
    params,
    features: {
      models: { state: 'yes', detail: "the model file's own name" },
      streaming: inProcess,
      usageInStream: inProcess,
      tokenize: { state: 'yes', detail: "the model's own tokenizer" },
    },
    ...(input.contextTokens
      ? { contextLength: { tokens: input.contextTokens, source: 'local model settings' as const } }
      : {}),
    requests: [],
    tokensUsed: 0,
  };
};
