import type { SettingsView } from '../../../shared/api';
import { originOf } from '../../../shared/base-url';

/** The active profile, if settings are loaded. */
export const activeProfile = (settings: SettingsView | null) =>
  settings?.profiles.find((p) => p.id === settings.activeProfileId);

/**
 * The origin a preset names when it differs from the active profile's: shown as a warning only. A preset's
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
