import { readdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join, normalize } from 'node:path';
import { fail, ok, type Result } from '../../../shared/result';
import { reasonOf } from './folder-scan';

/**
 * Checks a folder path as typed (web mode) or picked (desktop): `~` is the home folder, the path must be absolute
 * (web mode's working folder is nobody's business), exist, be a folder and be readable. Writable is not required: a
 * read-only checkout still lists its presets. Resolves to the normalised path.
 */
export const checkFolderPath = async (raw: string): Promise<Result<string>> => {
  const typed = raw.trim();
  const expanded =
    typed === '~' ? homedir() : typed.startsWith('~/') ? join(homedir(), typed.slice(2)) : typed;
  if (!isAbsolute(expanded)) {
    return fail('invalid_input', `"${typed}" is not an absolute path; give the full path of the folder`, {
      param: 'path',
    });
  }
  const path = normalize(expanded).replace(/(.)[/\\]+$/, '$1');
  try {
    const info = await stat(path);
    if (!info.isDirectory()) return fail('invalid_input', `${path} is not a folder`, { param: 'path' });
    await readdir(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'there is no such folder' : `it cannot be read (${reasonOf(error)})`;
    return fail('invalid_input', `${path}: ${why}`, { param: 'path' });
  }
  return ok(path);
};
