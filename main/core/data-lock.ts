import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname as osHostname, uptime } from 'node:os';
import { join } from 'node:path';

/**
 * One process owns a data folder. Two processes on one folder each keep settings, presets and history in memory and
 * rewrite the files from it, so one's save wipes the other's and one's history compaction deletes the other's runs;
 * a second process is therefore refused (docs/architecture.md#data-is-sacred). The lock is a small JSON file created
 * with `wx` (exclusive create), removed on exit; a lock whose process is gone (a crash, kill -9, a reboot) is taken
 * over, and the new owner is told.
 */

/** The lock file's name inside the data folder. */
export const LOCK_FILE = 'playground.lock';

/** Which app holds a folder, as the refusal names it. */
export type LockKind = 'web mode' | 'desktop app';

/** What the lock file records about the process that holds it. */
export interface LockHolder {
  pid: number;
  startedAt: number;
  kind: LockKind;
  hostname: string;
}

/** A held lock. */
export interface DataLock {
  path: string;
  /** Set when the lock of a process that is gone was taken over (say so, it explains an `interrupted` run). */
  notice?: string;
  /** Removes the lock file if it is still ours; idempotent. Also runs on process exit. */
  release(): void;
}

/** The lock, or the one line that explains why the folder is refused. */
export type LockOutcome = { ok: true; lock: DataLock } | { ok: false; message: string };

/** What the lock checks, injectable so tests can play a crashed or foreign holder. */
export interface LockEnvironment {
  pid: number;
  hostname: string;
  now: () => number;
  /** Whether a process with this id runs on this machine. */
  isAlive: (pid: number) => boolean;
  /** When this machine booted (a lock from before it is from a process that died with the machine). */
  bootedAt: number;
}

/** `kill(pid, 0)` tests for a process without signalling it; EPERM means it exists but belongs to someone else. */
const isProcessAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const systemEnvironment = (): LockEnvironment => ({
  pid: process.pid,
  hostname: osHostname(),
  now: Date.now,
  isAlive: isProcessAlive,
  bootedAt: Date.now() - uptime() * 1000,
});

/** A lock younger than this that does not parse is being written right now by a process starting beside us. */
const FRESH_MS = 5_000;

/**
 * Folders this process holds, with their release: a lock naming our own pid but not held here is from an earlier
 * life of the pid. One exit handler releases them all (it is added with the first lock, not on import).
 */
const heldHere = new Map<string, () => void>();
const releaseAll = () => {
  for (const release of [...heldHere.values()]) release();
};

const parseHolder = (text: string): LockHolder | undefined => {
  try {
    const v = JSON.parse(text) as Partial<LockHolder>;
    const isValid =
      typeof v.pid === 'number' &&
      typeof v.startedAt === 'number' &&
      (v.kind === 'web mode' || v.kind === 'desktop app') &&
      typeof v.hostname === 'string';
    return isValid ? (v as LockHolder) : undefined;
  } catch {
    return undefined;
  }
};

const describeHolder = (h: LockHolder) =>
  `${h.kind}, pid ${h.pid} on ${h.hostname}, since ${new Date(h.startedAt).toISOString()}`;

const readText = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

/** Why the current lock may be taken over, or undefined while its holder may still be running. */
const staleReason = (path: string, text: string, env: LockEnvironment, dir: string): string | undefined => {
  const holder = parseHolder(text);
  if (!holder) {
    const age = env.now() - (statSafe(path) ?? env.now());
    return age > FRESH_MS ? 'a damaged lock file' : undefined;
  }
  // Another machine's process cannot be checked from here (a shared network folder): never guess it is gone.
  if (holder.hostname !== env.hostname) return undefined;
  if (holder.startedAt < env.bootedAt) return `${describeHolder(holder)}, from before this machine started`;
  if (holder.pid === env.pid && !heldHere.has(dir))
    return `${describeHolder(holder)}, which is no longer running`;
  if (holder.pid !== env.pid && !env.isAlive(holder.pid))
    return `${describeHolder(holder)}, which is no longer running`;
  return undefined;
};

const statSafe = (path: string): number | undefined => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
};

/** Creates `path` exclusively with `text`; false when it exists. A failed write removes the partial file. */
const createExclusive = (path: string, text: string): boolean => {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  let isWritten = false;
  try {
    writeSync(fd, text);
    fsyncSync(fd);
    isWritten = true;
  } finally {
    closeSync(fd);
    if (!isWritten) unlinkSync(path);
  }
  return true;
};

const refusal = (dir: string, path: string, text: string | undefined): LockOutcome => {
  const holder = text === undefined ? undefined : parseHolder(text);
  const who = holder
    ? `another r9s Playground (${describeHolder(holder)})`
    : 'another r9s Playground starting now';
  return {
    ok: false,
    message:
      `the data folder ${dir} is in use by ${who}; close that one first, or set R9S_PLAYGROUND_HOME to another ` +
      `folder (if no such process is running, delete ${path})`,
  };
};

/**
 * Takes the lock of `dir` for this process (creating the folder), or says who holds it. Taking over a stale lock
 * happens under a second exclusive file, so two processes that both find the same dead lock cannot both win.
 */
export const acquireDataLock = (
  dir: string,
  kind: LockKind,
  environment: Partial<LockEnvironment> = {},
): LockOutcome => {
  const env = { ...systemEnvironment(), ...environment };
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  const content = `${JSON.stringify({ pid: env.pid, startedAt: env.now(), kind, hostname: env.hostname })}\n`;
  let notice: string | undefined;

  // A holder that left between the two calls has freed the folder: one more try.
  const isTaken =
    createExclusive(path, content) || (readText(path) === undefined && createExclusive(path, content));
  if (!isTaken) {
    const text = readText(path);
    const stale = text === undefined ? undefined : staleReason(path, text, env, dir);
    if (!stale) return refusal(dir, path, text);
    const guard = `${path}.takeover`;
    if (!createExclusive(guard, content)) {
      // A takeover that crashed half-way leaves its guard; an old one is released for the next start.
      const age = env.now() - (statSafe(guard) ?? env.now());
      if (age > FRESH_MS) unlinkSync(guard);
      return refusal(dir, path, readText(path));
    }
    try {
      // Under the guard, the lock must still be the stale one we judged (not a fresh lock of a faster process).
      if (readText(path) !== text) return refusal(dir, path, readText(path));
      unlinkSync(path);
      if (!createExclusive(path, content)) return refusal(dir, path, readText(path));
    } finally {
      unlinkSync(guard);
    }
    notice = `The data folder was still locked by ${stale}; this ${kind} took it over.`;
  }

  const release = () => {
    if (!heldHere.delete(dir)) return;
    if (heldHere.size === 0) process.off('exit', releaseAll);
    // Only our own lock is removed: never one that another process took over after us.
    if (readText(path) === content) {
      try {
        unlinkSync(path);
      } catch {
        // gone already
      }
    }
  };
  if (heldHere.size === 0) process.on('exit', releaseAll);
  heldHere.set(dir, release);
  return { ok: true, lock: { path, ...(notice ? { notice } : {}), release } };
};
