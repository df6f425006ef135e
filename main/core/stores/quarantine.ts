import { existsSync, readFileSync, renameSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';

/** A filesystem-safe stamp, e.g. `2024-05-01T10-20-30-123Z`. */
export const fileStamp = (now: number) => new Date(now).toISOString().replace(/[:.]/g, '-');

const isParsableObject = (text: string): boolean => {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
};

/**
 * Renames `<dir>/<name>.json` to `<dir>/<name>.corrupt-<timestamp>.json` and returns the notice for the user, or
 * undefined when there was no file to move.
 */
export const moveAside = (path: string, now: number, why = 'was corrupt'): string | undefined => {
  const ext = extname(path) || '.json';
  const name = basename(path, ext);
  const target = join(dirname(path), `${name}.corrupt-${fileStamp(now)}${ext}`);
  try {
    renameSync(path, target);
  } catch {
    return undefined;
  }
  return `The ${name} file ${why} and was moved to ${target}; defaults are used.`;
};

/**
 * Moves a file that does not parse as a JSON object aside and returns the notice to show the user (issue 3 §6: a
 * corrupt settings file is never silently wiped; conf would throw on it, or clear it when told to). Undefined when
 * the file is missing or fine.
 */
export const quarantineCorruptFile = (path: string, now: number): string | undefined => {
  if (!existsSync(path)) return undefined;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  return isParsableObject(text) ? undefined : moveAside(path, now);
};
