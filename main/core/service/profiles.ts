import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Profile } from '../../../shared/api';
import {
  httpUrlSchema,
  profileInputSchema,
  type ProfileInput,
  type RetryPolicy,
} from '../../../shared/schemas';

/** The id of the profile seeded on first run from R9S_BASE_URL; R9S_API_KEY belongs to it. */
export const SEEDED_PROFILE_ID = 'r9s';

/** The r9s API, used when R9S_BASE_URL is not set. */
export const DEFAULT_BASE_URL = 'https://api.r9s.ai';

/** Most profiles kept, so a runaway client cannot grow the settings file without bound. */
export const MAX_PROFILES = 100;

/**
 * A stored profile: the input schema plus its id (retry and headers are filled when missing). A base URL with a
 * user name or password, which new input refuses, is still read back, so an older profile is not lost: its runs
 * are refused with a message until it is edited.
 */
const storedProfileSchema = profileInputSchema.extend({
  id: z.string().min(1).max(64),
  baseUrl: httpUrlSchema.optional(),
});

/** The id of the profile R9S_LOCAL_MODEL seeds. */
export const LOCAL_SEEDED_PROFILE_ID = 'local';

/** Why an input cannot make a profile of its kind (a base URL for HTTP, a model file for local); undefined if fine. */
export const profileKindProblem = (input: Pick<ProfileInput, 'kind' | 'baseUrl' | 'local'>) => {
  if (input.kind === 'local') return input.local ? undefined : 'local: a local profile needs a model file';
  if (input.local) return 'local: only a local profile has a model file';
  return input.baseUrl ? undefined : 'baseUrl: base URL is required';
};

/** Origin (scheme://host:port) a key is bound to; the raw text when the URL does not parse. */
export const originOf = (baseUrl: string): string => {
  try {
    return new URL(baseUrl).origin;
  } catch {
    return baseUrl;
  }
};

/** Narrows one stored profile (stored data is `unknown` until checked); undefined and a reason when invalid. */
export const parseStoredProfile = (
  value: unknown,
  defaultRetry: RetryPolicy,
): { profile?: Profile; problem?: string } => {
  const parsed = storedProfileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { problem: issue ? `${issue.path.join('.') || 'profile'}: ${issue.message}` : 'invalid profile' };
  }
  const problem = profileKindProblem(parsed.data);
  if (problem) return { problem };
  const { id, name, baseUrl, local, defaultModel, retry, headers, headersTimeoutMs, idleTimeoutMs } =
    parsed.data;
  return {
    profile: {
      id,
      name,
      ...(local ? { kind: 'local' as const, local } : {}),
      baseUrl: baseUrl ?? '',
      ...(defaultModel !== undefined ? { defaultModel } : {}),
      retry: retry ?? { ...defaultRetry },
      headers: headers ?? {},
      ...(headersTimeoutMs !== undefined ? { headersTimeoutMs } : {}),
      ...(idleTimeoutMs !== undefined ? { idleTimeoutMs } : {}),
    },
  };
};

/** The first-run profile. */
export const seedProfile = (baseUrl: string, defaultRetry: RetryPolicy): Profile => ({
  id: SEEDED_PROFILE_ID,
  name: 'r9s',
  baseUrl,
  retry: { ...defaultRetry },
  headers: {},
});

/** The profile R9S_LOCAL_MODEL seeds: the file with the engine's default settings. */
export const seedLocalProfile = (modelPath: string, defaultRetry: RetryPolicy): Profile => ({
  id: LOCAL_SEEDED_PROFILE_ID,
  name: 'Local model',
  kind: 'local',
  baseUrl: '',
  local: { modelPath },
  retry: { ...defaultRetry },
  headers: {},
});

/** Applies an add (no id) or an edit to the list; returns the saved profile and the new list. */
export const applyProfileInput = (
  profiles: readonly Profile[],
  input: ProfileInput,
  defaultRetry: RetryPolicy,
): { profile: Profile; profiles: Profile[] } | { notFound: string } => {
  const existing = input.id === undefined ? undefined : profiles.find((p) => p.id === input.id);
  if (input.id !== undefined && !existing) return { notFound: input.id };
  const defaultModel = input.defaultModel ?? existing?.defaultModel;
  const headersTimeoutMs = input.headersTimeoutMs ?? existing?.headersTimeoutMs;
  const idleTimeoutMs = input.idleTimeoutMs ?? existing?.idleTimeoutMs;
  const profile: Profile = {
    id: existing?.id ?? randomUUID(),
    name: input.name,
    ...(input.kind === 'local' && input.local ? { kind: 'local' as const, local: input.local } : {}),
    // The caller checked profileKindProblem: an HTTP input has its base URL, a local one has none.
    baseUrl: input.kind === 'local' ? '' : (input.baseUrl ?? ''),
    // Absent fields keep their stored value; an empty default model clears it.
    ...(defaultModel ? { defaultModel } : {}),
    retry: input.retry ?? existing?.retry ?? { ...defaultRetry },
    headers: input.headers ?? existing?.headers ?? {},
    ...(headersTimeoutMs !== undefined ? { headersTimeoutMs } : {}),
    ...(idleTimeoutMs !== undefined ? { idleTimeoutMs } : {}),
  };
  const next = existing ? profiles.map((p) => (p.id === profile.id ? profile : p)) : [...profiles, profile];
  return { profile, profiles: next };
};
