import { useCallback, useEffect, useMemo, useState } from 'react';
import type { PlaygroundApi } from '../../../../shared/api';
import { dropUnset } from '../../../../shared/request-body';
import type { Result } from '../../../../shared/result';
import type { Draft, Preset } from '../../../../shared/schemas';

/** What the presets features share: the list and the actions over it. */
export interface PresetsStore {
  presets: Preset[];
  error?: string;
  refresh: () => Promise<void>;
  save: (preset: Preset) => Promise<Result<Preset>>;
  remove: (id: string) => Promise<Result<Preset>>;
}

/** Wall-clock milliseconds for timestamps, read when an action runs (never during render). */
export const nowMs = (): number => Date.now();

/** A new preset id (the schema allows up to 64 characters). */
export const newPresetId = (): string => crypto.randomUUID();

/** Builds a preset from the current setup. */
export const presetFromDraft = (
  draft: Draft,
  meta: {
    id: string;
    name: string;
    description: string;
    includesPrompt: boolean;
    /** Keep the Variables form's values with the preset. */
    includesVariables?: boolean;
    now: number;
    createdAt?: number;
  },
): Preset => ({
  id: meta.id,
  name: meta.name.trim(),
  description: meta.description,
  params: dropUnset({ ...draft.params, prompt: meta.includesPrompt ? draft.params.prompt : '' }),
  ...(draft.extraBody && Object.keys(draft.extraBody).length > 0 ? { extraBody: draft.extraBody } : {}),
  includesPrompt: meta.includesPrompt,
  ...(meta.includesVariables && draft.variables && Object.keys(draft.variables).length > 0
    ? { variables: draft.variables }
    : {}),
  createdAt: meta.createdAt ?? meta.now,
  updatedAt: meta.now,
});

/** The draft a preset loads into; without its own prompt the current prompt stays. */
export const draftFromPreset = (preset: Preset, currentPrompt: string): Draft => ({
  params: { ...preset.params, prompt: preset.includesPrompt ? preset.params.prompt : currentPrompt },
  ...(preset.extraBody ? { extraBody: preset.extraBody } : {}),
  ...(preset.variables ? { variables: preset.variables } : {}),
  presetId: preset.id,
});

/** A name not taken yet: "Name", "Name (2)", "Name (3)"… */
export const uniqueName = (name: string, taken: readonly string[]): string => {
  const names = new Set(taken.map((n) => n.toLowerCase()));
  if (!names.has(name.toLowerCase())) return name;
  const base = name.replace(/ \(\d+\)$/, '');
  for (let i = 2; ; i++) if (!names.has(`${base} (${i})`.toLowerCase())) return `${base} (${i})`;
};

/** Loads the presets once and keeps the list in step with every save and delete. */
export function usePresets(api: PlaygroundApi): PresetsStore {
  const [presets, setPresets] = useState<Preset[]>([]);
  const [error, setError] = useState<string>();

  const refresh = useCallback(async () => {
    const res = await api.listPresets();
    if (res.ok) {
      setPresets(res.value);
      setError(undefined);
    } else setError(res.error.message);
  }, [api]);

  useEffect(() => {
    let isCurrent = true;
    void api.listPresets().then((res) => {
      if (!isCurrent) return;
      if (res.ok) setPresets(res.value);
      else setError(res.error.message);
    });
    return () => {
      isCurrent = false;
    };
  }, [api]);

  const save = useCallback(
    async (preset: Preset) => {
      const res = await api.savePreset(preset);
      if (res.ok) {
        setPresets((list) => {
          const i = list.findIndex((p) => p.id === res.value.id);
          return i < 0 ? [...list, res.value] : list.map((p, k) => (k === i ? res.value : p));
        });
      }
      return res;
    },
    [api],
  );

  const remove = useCallback(
    async (id: string) => {
      const res = await api.deletePreset(id);
      if (res.ok) setPresets((list) => list.filter((p) => p.id !== id));
      return res;
    },
    [api],
  );

  return useMemo(() => ({ presets, error, refresh, save, remove }), [presets, error, refresh, save, remove]);
}
