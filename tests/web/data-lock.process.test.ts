/**
 * One owner of a data folder, with real processes: web mode started twice on one R9S_PLAYGROUND_HOME (through
 * `npm run web`'s script, which builds what is missing first). The second refuses with one line naming the folder
 * and the holder; after the first is killed with SIGKILL (no chance to remove its lock), a new one takes over.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_FILE, type LockHolder } from '../../main/core/data-lock';

const root = new URL('../../', import.meta.url).pathname;
const LINE = /^r9s Playground web: http:\/\/127\.0\.0\.1:\d+\/\?token=\S+$/m;

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** What one launch did: the line it printed and, when it ended, how. */
interface Launch {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  exit: Promise<number | null>;
}

/** Starts `node scripts/web.mjs` on `home` and resolves once it printed its URL line or exited. */
const launch = (home: string): Promise<Launch> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'scripts/web.mjs')], {
      cwd: root,
      env: { ...process.env, R9S_PLAYGROUND_HOME: home, PORT: '0', R9S_BASE_URL: 'http://127.0.0.1:9' },
    });
    children.push(child);
    const run: Launch = {
      child,
      stdout: '',
      stderr: '',
      exit: new Promise((done) => child.on('exit', (code) => done(code))),
    };
    child.stdout?.on('data', (d: Buffer) => {
      run.stdout += d.toString();
      if (LINE.test(run.stdout)) resolve(run);
    });
    child.stderr?.on('data', (d: Buffer) => (run.stderr += d.toString()));
    void run.exit.then(() => resolve(run));
  });

const holderOf = (home: string) => JSON.parse(readFileSync(join(home, LOCK_FILE), 'utf8')) as LockHolder;

describe('one owner of a data folder (two real processes)', () => {
  it('refuses a second web mode on the same folder, and lets a new one take over after a crash', async () => {
    const home = mkdtempSync(join(tmpdir(), 'r9s-lock-home-'));
    dirs.push(home);
    const first = await launch(home);
    expect(first.stdout).toMatch(LINE);
    const holder = holderOf(home);
    expect(holder.kind).toBe('web mode');

    const second = await launch(home);
    expect(await second.exit).not.toBe(0);
    expect(second.stdout).toBe('');
    const refusal = second.stderr.split('\n').filter((l) => l.includes('in use by'));
    expect(refusal).toEqual([
      expect.stringContaining(
        `r9s Playground web: the data folder ${home} is in use by another r9s Playground (web mode, pid ${holder.pid}`,
      ),
    ]);

    // kill -9 leaves the lock file behind, naming a process that no longer runs.
    process.kill(holder.pid, 'SIGKILL');
    await first.exit;
    expect(holderOf(home).pid).toBe(holder.pid);
    const third = await launch(home);
    expect(third.stdout).toMatch(LINE);
    expect(third.stderr).toMatch(
      /still locked by web mode, pid \d+ .*no longer running; this web mode took it over/,
    );
    expect(holderOf(home).pid).not.toBe(holder.pid);
  }, 240_000);
});
