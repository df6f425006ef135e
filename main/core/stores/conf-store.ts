import Conf from 'conf';
import { join } from 'node:path';
import type { JsonStore, OpenJsonStore } from '../ports';
import { moveAside, quarantineCorruptFile } from './quarantine';
import { STORE_LIST_KEYS, storeOptions, type StoreName } from './store-schema';

const wrap = (conf: Conf<Record<string, unknown>>): JsonStore => ({
  get: (key) => conf.get(key),
  set: (key, value) => conf.set(key, value),
  delete: (key) => conf.delete(key),
});

/**
 * Web mode's `OpenJsonStore`: one conf 15 document per name in `dir` (atomic writes are conf's default). A corrupt
 * file (or one whose profile or preset list is not a list) is moved aside first and reported in `notice`; if conf
 * still refuses the file (say a migration throws on it), it is moved aside too and opened fresh rather than crashing
 * the app.
 */
export const createConfStore = (dir: string, now: () => number = Date.now): OpenJsonStore => {
  return (name: StoreName) => {
    const path = join(dir, `${name}.json`);
    const notice = quarantineCorruptFile(path, now(), STORE_LIST_KEYS[name]);
    const open = () => new Conf<Record<string, unknown>>({ cwd: dir, ...storeOptions(name) });
    try {
      return { store: wrap(open()), ...(notice ? { notice } : {}) };
    } catch (error) {
      const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : '';
      const moved = moveAside(path, now(), `could not be opened (${reason.slice(0, 200)})`);
      return { store: wrap(open()), ...(moved ? { notice: moved } : {}) };
    }
  };
};
