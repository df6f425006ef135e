import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataLock, LOCK_FILE, type DataLock, type LockHolder } from '../../main/core/data-lock';

const dirs: string[] = [];
const locks: DataLock[] = [];
afterEach(() => {
  for (const lock of locks.splice(0)) lock.release();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const fresh = () => {
  const dir = mkdtempSync(join(tmpdir(), 'r9s-lock-'));
  dirs.push(dir);
  return dir;
};

const take = (...args: Parameters<typeof acquireDataLock>) => {
  const outcome = acquireDataLock(...args);
  if (outcome.ok) locks.push(outcome.lock);
  return outcome;
};

const writeHolder = (dir: string, over: Partial<LockHolder> = {}) => {
  const holder: LockHolder = {
    pid: 424242,
    startedAt: Date.now() - 1000,
    kind: 'desktop app',
    hostname: hostname(),
    ...over,
  };
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify(holder));
  return holder;
};

describe('the data folder lock', () => {
  it('records its holder, refuses a second taker with one line naming the folder and the holder, and frees on release', () => {
    const dir = fresh();
    const first = take(dir, 'web mode');
    expect(first.ok).toBe(true);
    const holder = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')) as LockHolder;
    expect(holder).toMatchObject({ pid: process.pid, kind: 'web mode', hostname: hostname() });

    const second = acquireDataLock(dir, 'desktop app');
    expect(second.ok).toBe(false);
    const message = !second.ok ? second.message : '';
    expect(message).not.toContain('\n');
    expect(message).toContain(
      `the data folder ${dir} is in use by another r9s Playground (web mode, pid ${process.pid}`,
    );

    if (first.ok) first.lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    expect(take(dir, 'desktop app').ok).toBe(true);
  });

  it('takes over the lock of a process that is gone, and says so', () => {
    const dir = fresh();
    writeHolder(dir, { pid: 31337 });
    const outcome = take(dir, 'web mode', { isAlive: (pid) => pid !== 31337 });
    expect(outcome.ok).toBe(true);
    expect(outcome.ok && outcome.lock.notice).toMatch(
      /still locked by desktop app, pid 31337 .*which is no longer running; this web mode took it over/,
    );
    expect((JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')) as LockHolder).pid).toBe(process.pid);
  });

  it('takes over a lock from before the machine started, and one naming our own pid from an earlier life', () => {
    const beforeBoot = fresh();
    writeHolder(beforeBoot, { startedAt: 1000 });
    expect(take(beforeBoot, 'web mode', { isAlive: () => true, bootedAt: 5000 }).ok).toBe(true);
    const ownPid = fresh();
    writeHolder(ownPid, { pid: process.pid });
    expect(take(ownPid, 'web mode').ok).toBe(true);
  });

  it('never takes over a live process, another machine, or a lock being written right now', () => {
    const live = fresh();
    writeHolder(live);
    expect(take(live, 'web mode', { isAlive: () => true }).ok).toBe(false);
    const foreign = fresh();
    writeHolder(foreign, { hostname: 'other-machine' });
    const refused = take(foreign, 'web mode', { isAlive: () => false });
    expect(!refused.ok && refused.message).toContain('on other-machine');
    const writing = fresh();
    writeFileSync(join(writing, LOCK_FILE), '');
    expect(take(writing, 'web mode').ok).toBe(false);
    // The same damaged lock, once it is old, is from a process that died while writing it.
    const old = (Date.now() - 60_000) / 1000;
    utimesSync(join(writing, LOCK_FILE), old, old);
    expect(take(writing, 'web mode').ok).toBe(true);
  });

  it('lets only one of two processes take over the same dead lock', () => {
    const dir = fresh();
    writeHolder(dir, { pid: 31337 });
    // A takeover in progress elsewhere holds the guard; this process must not take over beside it.
    writeFileSync(join(dir, `${LOCK_FILE}.takeover`), '{}');
    expect(take(dir, 'web mode', { isAlive: () => false }).ok).toBe(false);
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toContain('31337');
  });

  it('on release removes only its own lock, never one another process took over', () => {
    const dir = fresh();
    const outcome = take(dir, 'web mode');
    writeHolder(dir, { pid: 777 });
    if (outcome.ok) outcome.lock.release();
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toContain('777');
  });
});
