/**
 * What the service does with a local profile's settings: `~` expanded to the home folder (so
 * `R9S_LOCAL_MODEL=~/models/x.gguf` works however the shell quoted it) and turned into the engine's model config.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Profile } from '../../../shared/api';
import type { LocalModelSettings } from '../../../shared/schemas';
import type { LocalModelConfig } from '../local';

/** The path with a leading `~/` (or a lone `~`) replaced by the home folder, then made absolute. */
export const expandHome = (path: string): string => {
  const trimmed = path.trim();
  if (trimmed === '~') return homedir();
  if (trimmed.startsWith('~/')) return join(homedir(), trimmed.slice(2));
  return resolve(trimmed);
};

/** The settings with their path expanded, as stored: a profile keeps the file it was saved with. */
export const normaliseLocalSettings = (settings: LocalModelSettings): LocalModelSettings => ({
  ...settings,
  modelPath: expandHome(settings.modelPath),
});

/** The engine's config for a local profile; undefined for an HTTP profile. */
export const localConfigOf = (profile: Profile): LocalModelConfig | undefined => {
  if (profile.kind !== 'local' || !profile.local) return undefined;
  const { modelPath, contextSize, threads, gpuLayers } = profile.local;
  return {
    path: expandHome(modelPath),
    ...(contextSize !== undefined ? { contextSize } : {}),
    ...(threads !== undefined ? { threads } : {}),
    ...(gpuLayers !== undefined ? { gpuLayers } : {}),
  };
};
