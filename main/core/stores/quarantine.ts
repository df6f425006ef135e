import { existsSync, readFileSync, renameSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';

/** A filesystem-safe stamp, e.g. `2024-05-01T10-20-30-123Z`. */
export const fileStamp = (now: number) => new Date(now).toISOString().replace(/[:.]/g, '-');

/** The document as an object, or undefined when the text is not a JSON object. */
const parseObject = (text: string): Record<string, unknown> | undefined => {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
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
 * Moves a file aside that does not parse as a JSON object, or whose entry under one of `listKeys` is there but not a
 * list (the whole profile or preset list would otherwise be replaced on the next save), and returns the notice to
 * show the user: a damaged settings file is never silently wiped (docs/architecture.md#data-is-sacred; conf would
 * throw on it, or clear it when told to). Undefined when the file is missing or fine.
 */
export const quarantineCorruptFile = (
  path: string,
  now: number,
  listKeys: readonly string[] = [],
): string | undefined => {
  if (!existsSync(path)) return undefined;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const document = parseObject(text);
  if (!document) return moveAside(path, now);
  const notList = listKeys.find((key) => document[key] !== undefined && !Array.isArray(document[key]));
  return notList === undefined
    ? undefined
    : moveAside(path, now, `held a "${notList}" entry that is not a list`);
};
