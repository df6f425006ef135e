import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Writes `text` to `dir/name` so that a reader — a colleague's app polling the shared folder, git, an editor — sees
 * either the old file or the new one, never half of it: the text goes to a hidden temp file in the same folder (a
 * rename across file systems would not be atomic; the folder's listing skips hidden names), is flushed to disk, then
 * renamed over the target. A failure removes the temp file and leaves the target as it was
 * (docs/architecture.md#data-is-sacred).
 */
export const writeFileAtomic = async (dir: string, name: string, text: string): Promise<void> => {
  const temp = join(dir, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, join(dir, name));
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
};
