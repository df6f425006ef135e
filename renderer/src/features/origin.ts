import type { SettingsView } from '../../../shared/api';

/** The origin (scheme://host:port) of a URL, or undefined when it does not parse. */
export const originOf = (url: string | undefined): string | undefined => {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
};

/** The active profile, if settings are loaded. */
export const activeProfile = (settings: SettingsView | null) =>
  settings?.profiles.find((p) => p.id === settings.activeProfileId);

/**
 * The origin a preset names when it differs from the active profile's (issue 5 §4): shown as a warning only. A preset's
 * base URL is information; it never changes a profile, so the key is never sent to it.
 */
export const foreignOriginOf = (
  baseUrl: string | undefined,
  settings: SettingsView | null,
): string | undefined => {
  const named = originOf(baseUrl);
  if (!named) return undefined;
  return named === originOf(activeProfile(settings)?.baseUrl) ? undefined : named;
};
