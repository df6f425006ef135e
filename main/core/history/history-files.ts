import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Lists the run files on disk (tests use it to check deletes reach the disk). */
export const listRunFiles = (dir: string): string[] =>
  existsSync(join(dir, 'runs')) ? readdirSync(join(dir, 'runs')).filter((n) => n.endsWith('.json')) : [];

/** Size of the index log in bytes (benchmarks print it). */
export const logFileBytes = (dir: string): number => {
  const p = join(dir, 'history.jsonl');
  return existsSync(p) ? statSync(p).size : 0;
};
