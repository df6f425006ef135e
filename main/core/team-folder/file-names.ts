import { TEAM_PRESET_SUFFIX } from '../../../shared/team-folder';

/** Names Windows refuses for a file whatever its extension. */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/;

/**
 * The file name stem of a preset: its name in lower case with anything but letters, digits, `.`, `_` and `-` turned
 * into `-`, so the same name gives the same file on every system and in every shell.
 */
export const fileStemOf = (presetName: string): string => {
  const stem = presetName
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 80)
    .replace(/[-.]+$/, '');
  if (!stem) return 'preset';
  return WINDOWS_RESERVED.test(stem) ? `${stem}-preset` : stem;
};

/** A `*.preset.json` name for the preset not among `taken`: `warm.preset.json`, then `warm-2.preset.json`… */
export const freeFileName = (presetName: string, taken: readonly string[]): string => {
  const names = new Set(taken.map((n) => n.toLowerCase()));
  const stem = fileStemOf(presetName);
  for (let i = 1; ; i++) {
    const name = `${i === 1 ? stem : `${stem}-${i}`}${TEAM_PRESET_SUFFIX}`;
    if (!names.has(name.toLowerCase())) return name;
  }
};
