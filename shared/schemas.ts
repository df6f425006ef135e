/**
 * One schema per boundary type (docs/architecture.md#validate-at-boundaries). Everything that crosses IPC, HTTP, a
 * file or the store is `unknown` until one of these narrows it; the TypeScript types of the contract are inferred
 * from them.
 */
import { z } from 'zod';
import type { ParamKind, ParamRow, ParamValueOfKind } from './param-kinds';
import { paramConflicts } from './param-rules';
import { PARAM_SPECS, type OptionalParamKey, type OptionalParams } from './params';

/** Keys that would reach Object.prototype if copied naively; refused everywhere a record is accepted. */
export const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const safeKey = z.string().refine((k) => !FORBIDDEN_KEYS.has(k), { message: 'reserved key name' });

/** Short text fields: names, ids, models. */
const shortText = (max = 200) => z.string().max(max);

/** The value schema of each kind of parameter, with every limit its row gives. */
const SCHEMA_OF_KIND: {
  [K in ParamKind]: (row: ParamRow & { kind: K }) => z.ZodType<ParamValueOfKind[K]>;
} = {
  number: (row) => z.number().min(row.min).max(row.max),
  integer: (row) => z.int().min(row.min).max(row.max),
  boolean: () => z.boolean(),
  string: (row) => z.string().max(row.maxLength),
  stop: (row) => z.array(z.string().min(1).max(row.maxItemLength)).max(row.maxItems),
  // Token id → bias, the OpenAI form `{ "50256": -100 }`.
  logit_bias: (row) =>
    z
      .record(
        z.string().regex(/^\d{1,9}$/, 'token ids are whole numbers'),
        z.number().min(row.min).max(row.max),
      )
      .refine((r) => Object.keys(r).length <= row.maxEntries, {
        message: `at most ${row.maxEntries} token biases`,
      }),
};

/** One optional field per row of the parameter table, typed as OptionalParams. */
type ParamShape = { [K in OptionalParamKey]: z.ZodOptional<z.ZodType<NonNullable<OptionalParams[K]>>> };

// Indexing SCHEMA_OF_KIND by a row's kind loses the link between the two (TypeScript cannot correlate them), so the
// builder is read as taking any row; SCHEMA_OF_KIND's own type keeps each builder honest about its kind.
const paramShape = Object.fromEntries(
  PARAM_SPECS.map((spec) => {
    const build = SCHEMA_OF_KIND[spec.kind] as (row: ParamRow) => z.ZodType;
    return [spec.wire, build(spec).optional()];
  }),
) as ParamShape;

/** The completion parameters of one request; unset (undefined) means "not sent". */
export const completionParamsSchema = z
  .strictObject({
    model: shortText(300),
    prompt: z.string().max(2_000_000),
    stream: z.boolean(),
    ...paramShape,
  })
  .superRefine((p, ctx) => {
    for (const c of paramConflicts(p)) ctx.addIssue({ code: 'custom', path: [c.param], message: c.message });
  });

/** Server-specific JSON fields merged last into the request body (e.g. llama.cpp's `top_k`). */
export const extraBodySchema = z
  .record(safeKey, z.unknown())
  .refine((r) => JSON.stringify(r).length <= 100_000, { message: 'extra body is larger than 100 kB' });

/** A run as the renderer asks for it; the renderer makes the runId. */
export const runRequestSchema = z.strictObject({
  runId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'runId must be 8–64 URL-safe characters'),
  profileId: shortText(64),
  params: completionParamsSchema,
  extraBody: extraBodySchema.optional(),
  /** Name of the preset the setup came from, recorded in history. */
  presetName: shortText().optional(),
  /**
   * Set on a grid cell's run: history records which grid and cell it was (so a restart can resume the grid), and the
   * engine leaves a 429 to the grid's scheduler, which backs off the whole endpoint instead of this run alone.
   */
  grid: z
    .strictObject({
      gridId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'a grid id is 8–64 URL-safe characters'),
      cellKey: z.string().min(1).max(1000),
    })
    .optional(),
  /** The run this one branched from ("Continue with ‹token›"), recorded in history to link them. */
  parentRunId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, 'parentRunId must be 8–64 URL-safe characters')
    .optional(),
});

/** Most characters of one variable's value in the draft (a test case's cell may be larger; see shared/cases). */
export const MAX_VARIABLE_VALUE_CHARS = 1_000_000;

/** Values of the prompt's `{{variables}}` for single runs, by name. */
export const variableValuesSchema = z
  .record(
    z
      .string()
      .max(100)
      .refine((k) => !FORBIDDEN_KEYS.has(k), { message: 'reserved key name' }),
    z.string().max(MAX_VARIABLE_VALUE_CHARS),
  )
  .refine((r) => Object.keys(r).length <= 100, { message: 'at most 100 variables' });

/** Most characters a run keeps per choice (a setting): a stream that never ends stops there, its output kept. */
export const OUTPUT_LIMIT_CHARS = { default: 4 * 1024 * 1024, min: 1_000, max: 64 * 1024 * 1024 } as const;

/** A profile's request timeouts (response headers; silence between two pieces of the body), in milliseconds. */
export const TIMEOUT_MS = { default: 60_000, min: 1_000, max: 600_000 } as const;

const timeoutMs = z.int().min(TIMEOUT_MS.min).max(TIMEOUT_MS.max);

/** SDK-style retry policy (r9s RetryConfig, backoff strategy). */
export const retryPolicySchema = z.strictObject({
  enabled: z.boolean(),
  initialIntervalMs: z.int().min(10).max(60_000),
  maxIntervalMs: z.int().min(10).max(600_000),
  exponent: z.number().min(1).max(4),
  maxElapsedMs: z.int().min(0).max(3_600_000),
  maxAttempts: z.int().min(1).max(20),
  retryConnectionErrors: z.boolean(),
  /** Also retry HTTP 500 (off by default: a 500 is often an unsupported parameter, retrying it is pointless). */
  retryServerErrors: z.boolean(),
});

/** An http(s) URL, as a profile's base URL or a shared preset's. */
export const httpUrlSchema = z
  .string()
  .trim()
  .max(2000)
  .refine(
    (u) => {
      try {
        const url = new URL(u);
        return url.protocol === 'http:' || url.protocol === 'https:';
      } catch {
        return false;
      }
    },
    { message: 'base URL must be an http(s) URL' },
  );

/** Header names the user may not set on a profile (the key travels only as Authorization, built in main). */
export const RESERVED_HEADERS = new Set([
  'authorization',
  'host',
  'content-length',
  'cookie',
  'proxy-authorization',
]);

/** A base URL without a user name or password: fetch would send them, and the URL is shown and stored. */
const baseUrlSchema = httpUrlSchema.refine(
  (u) => {
    const url = new URL(u);
    return url.username === '' && url.password === '';
  },
  { message: 'base URL must not contain a user name or password (the key has its own field)' },
);

/**
 * A local GGUF model as a profile names it. The path is checked here for its shape only (absolute or `~/…`, a
 * `.gguf` name); main checks that the file exists, is readable and starts with the GGUF magic.
 */
export const localModelSettingsSchema = z.strictObject({
  modelPath: z
    .string()
    .trim()
    .max(4096)
    .regex(/^(\/|~\/|[A-Za-z]:[\\/])/, 'the model path must be absolute (or start with ~/)')
    .regex(/\.gguf$/i, 'the model file must be a .gguf file'),
  contextSize: z.int().min(256).max(1_048_576).optional(),
  threads: z.int().min(1).max(256).optional(),
  gpuLayers: z.int().min(0).max(10_000).optional(),
});

/** A profile as the user edits it; `id` absent means "add". */
export const profileInputSchema = z.strictObject({
  id: shortText(64).optional(),
  name: z.string().trim().min(1, 'name is required').max(80),
  /** "http" (the default, so older profiles stay valid) or "local": a GGUF file run in the app, no key, no URL. */
  kind: z.enum(['http', 'local']).optional(),
  /** Required for an HTTP profile; a local profile has none. */
  baseUrl: baseUrlSchema.optional(),
  /** Required for a local profile. */
  local: localModelSettingsSchema.optional(),
  defaultModel: shortText(300).optional(),
  retry: retryPolicySchema.optional(),
  headers: z
    .record(
      z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'header names are letters, digits and dashes'),
      z.string().max(2000),
    )
    .refine((h) => Object.keys(h).every((k) => !RESERVED_HEADERS.has(k.toLowerCase())), {
      message:
        'Authorization, Host, Cookie and Content-Length cannot be set here (the key has its own field)',
    })
    .optional(),
  /** How long the server may take to send its response headers (unset: TIMEOUT_MS.default). */
  headersTimeoutMs: timeoutMs.optional(),
  /** How long the server may stay silent between two pieces of the body (unset: TIMEOUT_MS.default). */
  idleTimeoutMs: timeoutMs.optional(),
});

/** Theme choice; `system` follows the OS. */
export const themeSchema = z.enum(['system', 'light', 'dark']);

/** Settings the renderer may change. */
export const settingsPatchSchema = z.strictObject({
  activeProfileId: shortText(64).optional(),
  theme: themeSchema.optional(),
  compareConcurrency: z.int().min(1).max(16).optional(),
  historyRetention: z.int().min(0).max(1_000_000).optional(),
  outputLimitChars: z.int().min(OUTPUT_LIMIT_CHARS.min).max(OUTPUT_LIMIT_CHARS.max).optional(),
  lastModel: shortText(300).optional(),
});

/** The editor's working state, saved on every change so nothing is lost. */
export const draftSchema = z.strictObject({
  params: completionParamsSchema,
  extraBody: extraBodySchema.optional(),
  /** The id of the preset the draft was loaded from, for the "modified" marker. */
  presetId: shortText(64).optional(),
  /** Values of the prompt's variables for single runs (a value typed for a variable since removed is kept). */
  variables: variableValuesSchema.optional(),
});

/** A saved parameter preset (also the unit of sharing). */
export const presetSchema = z.strictObject({
  id: shortText(64),
  name: z.string().trim().min(1, 'name is required').max(120),
  description: z.string().max(2000).default(''),
  params: completionParamsSchema,
  extraBody: extraBodySchema.optional(),
  /** Whether `params.prompt` belongs to the preset (otherwise loading keeps the current prompt). */
  includesPrompt: z.boolean().default(false),
  /** Only present when the user chose to share it. */
  baseUrl: z.string().max(2000).optional(),
  /** Values of the prompt's variables, when the user chose to keep them with the preset. */
  variables: variableValuesSchema.optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

/** History search. */
export const historyQuerySchema = z.strictObject({
  search: z.string().max(500).optional(),
  starred: z.boolean().optional(),
  offset: z.int().min(0).default(0),
  limit: z.int().min(1).max(1000).default(200),
});

export type RetryPolicy = z.infer<typeof retryPolicySchema>;
export type RunRequest = z.infer<typeof runRequestSchema>;
export type ProfileInput = z.infer<typeof profileInputSchema>;
export type LocalModelSettings = z.infer<typeof localModelSettingsSchema>;
export type Theme = z.infer<typeof themeSchema>;
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
export type Draft = z.infer<typeof draftSchema>;
export type Preset = z.infer<typeof presetSchema>;
export type HistoryQuery = z.input<typeof historyQuerySchema>;
