import type { Profile } from '../../../../shared/api';
import { profileInputSchema, type ProfileInput, type RetryPolicy } from '../../../../shared/schemas';

/** A profile as edited: every field a string (or boolean) so half-typed values survive. */
export interface ProfileForm {
  id?: string;
  name: string;
  /** "http": an OpenAI-compatible server; "local": a GGUF file run in the app (no URL, no key). */
  kind: 'http' | 'local';
  baseUrl: string;
  /** The local model's fields; empty numbers mean the engine's default. */
  modelPath: string;
  contextSize: string;
  threads: string;
  gpuLayers: string;
  defaultModel: string;
  retryEnabled: boolean;
  maxAttempts: string;
  initialIntervalMs: string;
  maxIntervalMs: string;
  exponent: string;
  maxElapsedMs: string;
  retryConnectionErrors: boolean;
  retryServerErrors: boolean;
  headers: { name: string; value: string }[];
}

/** The retry policy a new profile starts from (mirrors the engine's small default budget). */
export const DEFAULT_RETRY: RetryPolicy = {
  enabled: true,
  initialIntervalMs: 500,
  maxIntervalMs: 8000,
  exponent: 1.5,
  maxElapsedMs: 30_000,
  maxAttempts: 3,
  retryConnectionErrors: true,
  retryServerErrors: false,
};

/** The form for an existing profile, or an empty one for "add". */
export function profileToForm(p?: Profile): ProfileForm {
  const r = p?.retry ?? DEFAULT_RETRY;
  return {
    ...(p ? { id: p.id } : {}),
    name: p?.name ?? '',
    kind: p?.kind ?? 'http',
    // A local profile has no URL; switching it to HTTP starts from the r9s API.
    baseUrl: p?.baseUrl || 'https://api.r9s.ai',
    modelPath: p?.local?.modelPath ?? '',
    contextSize: p?.local?.contextSize?.toString() ?? '',
    threads: p?.local?.threads?.toString() ?? '',
    gpuLayers: p?.local?.gpuLayers?.toString() ?? '',
    defaultModel: p?.defaultModel ?? '',
    retryEnabled: r.enabled,
    maxAttempts: String(r.maxAttempts),
    initialIntervalMs: String(r.initialIntervalMs),
    maxIntervalMs: String(r.maxIntervalMs),
    exponent: String(r.exponent),
    maxElapsedMs: String(r.maxElapsedMs),
    retryConnectionErrors: r.retryConnectionErrors,
    retryServerErrors: r.retryServerErrors,
    headers: Object.entries(p?.headers ?? {}).map(([name, value]) => ({ name, value })),
  };
}

/** A number field: absent when empty (the engine's default), NaN-carrying text otherwise so the schema reports it. */
const optionalNumber = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text));

/** The local part of a form as profile input fields. */
const localInput = (f: ProfileForm) => {
  const numbers = { contextSize: f.contextSize, threads: f.threads, gpuLayers: f.gpuLayers };
  const local: Record<string, unknown> = { modelPath: f.modelPath };
  for (const [key, text] of Object.entries(numbers)) {
    const value = optionalNumber(text);
    if (value !== undefined) local[key] = value;
  }
  return { kind: 'local', local };
};

/**
 * The profile input of a form, or the first problem with it, checked with the shared schema
 * (docs/architecture.md#validate-at-boundaries).
 */
export function formToInput(
  f: ProfileForm,
): { ok: true; value: ProfileInput } | { ok: false; error: string } {
  const headers: Record<string, string> = {};
  for (const h of f.headers) if (h.name.trim() !== '') headers[h.name.trim()] = h.value;
  const candidate = {
    ...(f.id ? { id: f.id } : {}),
    name: f.name,
    ...(f.kind === 'local' ? localInput(f) : { baseUrl: f.baseUrl }),
    ...(f.defaultModel.trim() ? { defaultModel: f.defaultModel.trim() } : {}),
    retry: {
      enabled: f.retryEnabled,
      maxAttempts: Number(f.maxAttempts),
      initialIntervalMs: Number(f.initialIntervalMs),
      maxIntervalMs: Number(f.maxIntervalMs),
      exponent: Number(f.exponent),
      maxElapsedMs: Number(f.maxElapsedMs),
      retryConnectionErrors: f.retryConnectionErrors,
      retryServerErrors: f.retryServerErrors,
    },
    headers,
  };
  const parsed = profileInputSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue?.path.map(String).join('.') ?? '';
  return { ok: false, error: `${where ? `${where}: ` : ''}${issue?.message ?? 'invalid profile'}` };
}
