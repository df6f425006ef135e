/**
 * What a server does with each parameter, as a capability check found it. A report is stored per profile + model,
 * shown in Settings and beside each parameter, and exported with "What was sent"; stored reports are `unknown` until
 * capabilityReportSchema narrows them (docs/architecture.md#validate-at-boundaries).
 */
import { z } from 'zod';
import { MAX_CHECK_REQUESTS, PROBE_IDS } from './capability-plan';
import type { OptionalParamKey } from './params';

/** Every parameter a check classifies: the parameter table's keys plus `logprobs`. */
export const CHECKED_PARAMS = [
  'temperature',
  'top_p',
  'frequency_penalty',
  'presence_penalty',
  'max_tokens',
  'n',
  'best_of',
  'seed',
  'stop',
  'logit_bias',
  'echo',
  'user',
  'logprobs',
] as const;

/** One parameter a check classifies. */
export type CheckedParam = (typeof CHECKED_PARAMS)[number];

// A parameter added to the table without a place in the check fails to compile here, naming the missing key
// (docs/architecture.md#complete-maps).
const _everyParamIsChecked: Record<Exclude<OptionalParamKey, CheckedParam>, never> = {};

const reason = z.string().max(500);

/**
 * The verdict on one parameter. `honoured` carries how we know: `observed` when its effect was seen (two choices for
 * n = 2), `accepted` when the server took it but two tokens cannot show its effect (temperature, penalties).
 */
export const paramCheckSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('honoured'), evidence: z.enum(['observed', 'accepted']), reason }),
  z.strictObject({ status: z.literal('ignored'), reason }),
  z.strictObject({
    status: z.literal('rejected'),
    /** The server's HTTP status and its own message. */
    httpStatus: z.int().min(100).max(599),
    message: z.string().max(1000),
    reason,
  }),
  z.strictObject({ status: z.literal('not-checked'), reason }),
]);

/** The verdict on one parameter. */
export type ParamCheck = z.infer<typeof paramCheckSchema>;

/** A verdict's status: honoured, ignored (accepted but without effect), rejected, or not checked. */
export type ParamStatus = ParamCheck['status'];

/** Something the server has or does not have; `unknown` when the check could not tell. */
export const featureSchema = z.strictObject({
  state: z.enum(['yes', 'no', 'unknown']),
  detail: z.string().max(500).optional(),
});

/** A feature verdict. */
export type Feature = z.infer<typeof featureSchema>;

const paramsShape = Object.fromEntries(CHECKED_PARAMS.map((p) => [p, paramCheckSchema])) as Record<
  CheckedParam,
  typeof paramCheckSchema
>;

/** One request the check sent: the exact JSON body (never a header, so never a key) and what came back. */
export const checkRequestSchema = z.strictObject({
  probe: z.enum(PROBE_IDS),
  method: z.enum(['GET', 'POST']),
  path: z.string().max(200),
  body: z
    .record(z.string(), z.unknown())
    .refine((b) => JSON.stringify(b).length <= 10_000, { message: 'check request body is too large' })
    .optional(),
  /** The HTTP status, absent when no answer came (network error, timeout). */
  status: z.int().min(100).max(599).optional(),
  /** A failure in one line: the server's message, a redirect, a timeout. */
  error: z.string().max(1000).optional(),
  durationMs: z.number().min(0),
});

/** One request the check sent. */
export type CheckRequest = z.infer<typeof checkRequestSchema>;

/**
 * The software a check recognised from its answers (llama.cpp's `/props`, vLLM's `/tokenize` shape); `local` for a
 * local GGUF profile, whose report comes from the engine's own support table.
 */
export const serverKindSchema = z.enum(['llama.cpp', 'vllm', 'unknown', 'local']);

/** The server software a check recognised. */
export type ServerKind = z.infer<typeof serverKindSchema>;

/** The `POST /tokenize` dialects: llama.cpp's `{content}` → `{tokens}`, vLLM's `{model, prompt}` → `{count, tokens}`. */
export const tokenizeDialectSchema = z.enum(['llama.cpp', 'vllm']);

/** A tokenize dialect. */
export type TokenizeDialect = z.infer<typeof tokenizeDialectSchema>;

/** A whole check, as stored and exported. */
export const capabilityReportSchema = z.strictObject({
  version: z.literal(1),
  /** The base URL checked, normalised, without credentials, query or fragment. */
  endpoint: z.string().max(2000),
  model: z.string().max(300),
  /** When the check finished (epoch ms). */
  checkedAt: z.number().min(0),
  durationMs: z.number().min(0),
  server: serverKindSchema,
  params: z.strictObject(paramsShape),
  features: z.strictObject({
    /** `GET /v1/models` answered with a model list. */
    models: featureSchema,
    streaming: featureSchema,
    /** A stream carried `usage` (asked for with `stream_options.include_usage`). */
    usageInStream: featureSchema,
    tokenize: featureSchema,
  }),
  /** How to count tokens exactly on this server, when it can. */
  tokenizer: tokenizeDialectSchema.optional(),
  /** The context window, where the server reports it. */
  contextLength: z
    .strictObject({
      tokens: z.int().min(1),
      source: z.enum(['llama.cpp /props', 'vLLM max_model_len', 'local model settings']),
    })
    .optional(),
  systemFingerprint: z.string().max(200).optional(),
  requests: z.array(checkRequestSchema).max(MAX_CHECK_REQUESTS),
  /** Tokens the check used, summed from the `usage` the server reported (absent when it reported none). */
  tokensUsed: z.int().min(0).optional(),
});

/** A whole check. */
export type CapabilityReport = z.infer<typeof capabilityReportSchema>;

/** Reports kept per profile + model: a cache that a new check rebuilds, so the oldest beyond this are dropped. */
export const MAX_STORED_REPORTS = 200;

/** The stored reports: one per profile + model. */
export const storedReportsSchema = z
  .array(z.strictObject({ profileId: z.string().max(64), report: capabilityReportSchema }))
  .max(MAX_STORED_REPORTS);

/** The stored reports. */
export type StoredReports = z.infer<typeof storedReportsSchema>;

/** The report of a profile + model, if one was kept. */
export const findReport = (
  stored: StoredReports,
  profileId: string,
  model: string,
): CapabilityReport | undefined =>
  stored.find((s) => s.profileId === profileId && s.report.model === model)?.report;

/** Replaces the report of its profile + model (or adds it), keeping the newest MAX_STORED_REPORTS. */
export const storeReport = (
  stored: StoredReports,
  profileId: string,
  report: CapabilityReport,
): StoredReports =>
  [
    { profileId, report },
    ...stored.filter((s) => s.profileId !== profileId || s.report.model !== report.model),
  ]
    .sort((a, b) => b.report.checkedAt - a.report.checkedAt)
    .slice(0, MAX_STORED_REPORTS);
