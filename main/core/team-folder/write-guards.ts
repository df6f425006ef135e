/**
 * The checks that keep the team folder's writes from overwriting what they should not: a file changed since its
 * caller saw it (a colleague's save, a git pull), or a file that does not read (half-written, mid-merge).
 */
import { fail } from '../../../shared/result';
import { fileHash } from './folder-scan';
import { fileText, readTeamPreset } from './team-preset-file';

/** The preset in a file's bytes, or why they are not one. */
export const readPresetBytes = (bytes: Buffer) => readTeamPreset(fileText(bytes));

/** The refusal of a write or move that names a version of the file other than the current one. */
export const changedMeanwhile = (fileName: string) =>
  fail<never>(
    'conflict',
    `${fileName} changed in the team folder since you last saw it (a colleague's edit or a git pull); ` +
      'look at the new version first, or save yours as a copy',
    { param: 'fileName' },
  );

/**
 * Why a save may not replace `fileName` (its bytes now, or undefined when it is gone): it changed since the caller
 * saw `baseHash`, it went away under a caller who had seen it, or it does not read — then it is not ours to rewrite.
 */
export const refusalToReplace = (
  fileName: string,
  bytes: Buffer | undefined,
  baseHash: string | undefined,
) => {
  if (bytes === undefined) {
    return baseHash === undefined
      ? undefined
      : fail<never>(
          'conflict',
          `${fileName} was removed or renamed in the team folder; save as a new preset`,
          {
            param: 'fileName',
          },
        );
  }
  if (fileHash(bytes) !== baseHash) return changedMeanwhile(fileName);
  const read = readPresetBytes(bytes);
  return read.ok
    ? undefined
    : fail<never>(
        'conflict',
        `${fileName} does not read as a preset (${read.problem.message}); it is left as it is: fix it by hand, ` +
          'or save under another name',
        { param: 'fileName' },
      );
};
