/**
 * `npm start` (scripts/start.mjs), run as a real process: with an Electron binary it launches it on the project;
 * without one (as on our machines) it says so in one line and starts web mode. The binary is a stand-in shell script
 * selected with ELECTRON_OVERRIDE_DIST_PATH, the variable Electron's own package honours.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Runs start.mjs until it exits or stdout matches `until` (then it is stopped with SIGTERM). */
const runStart = (env: Record<string, string>, args: string[], until?: RegExp) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [join(root, 'scripts/start.mjs'), ...args], {
      cwd: root,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (until?.test(stdout)) child.kill('SIGTERM');
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });

const distDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'r9s-fake-electron-'));
  dirs.push(dir);
  return dir;
};

describe('npm start', () => {
  it('launches the Electron binary on the project with the arguments, and passes its exit code', async () => {
    const dist = distDir();
    const record = join(dist, 'args.txt');
    writeFileSync(join(dist, 'electron'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${record}'\nexit 3\n`);
    chmodSync(join(dist, 'electron'), 0o755);
    const result = await runStart({ ELECTRON_OVERRIDE_DIST_PATH: dist }, [
      '--flag',
      'r9s-playground://import?code=x',
    ]);
    expect(result.code).toBe(3);
    expect(readFileSync(record, 'utf8').split('\n').slice(0, 3)).toEqual([
      root,
      '--flag',
      'r9s-playground://import?code=x',
    ]);
    expect(result.stderr).not.toMatch(/web mode/);
  }, 120_000);

  it.each([
    ['is missing', false],
    ['cannot be executed', true],
  ])(
    'says so in one line and starts web mode when the binary %s',
    async (_label, present) => {
      const dist = distDir();
      if (present) writeFileSync(join(dist, 'electron'), 'not a program');
      const result = await runStart(
        { ELECTRON_OVERRIDE_DIST_PATH: dist, R9S_PLAYGROUND_HOME: dist },
        ['--port', '0'],
        /r9s Playground web: http:\/\/127\.0\.0\.1:\d+\/\?token=/,
      );
      const notices = result.stderr.split('\n').filter((l) => /web mode starts instead/.test(l));
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatch(/^r9s Playground: Electron's binary is missing/);
      expect(result.stdout).toMatch(/^r9s Playground web: http:\/\/127\.0\.0\.1:\d+\/\?token=\S+\n/);
    },
    120_000,
  );
});

describe('stopping npm start', () => {
  it('stops web mode when the launcher is killed without passing a signal on (npm under SIGKILL)', async () => {
    const dist = distDir();
    const launcher = spawn(process.execPath, [join(root, 'scripts/start.mjs'), '--port', '0'], {
      cwd: root,
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: dist, R9S_PLAYGROUND_HOME: dist },
    });
    const url = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      launcher.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        const match = /r9s Playground web: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout);
        if (match?.[1]) resolve(match[1]);
      });
      launcher.on('exit', () => reject(new Error(`start.mjs exited early: ${stdout}`)));
    });
    expect((await fetch(url)).status).toBe(200);
    launcher.kill('SIGKILL');
    // The orphans notice their parent is gone within a poll or two and close the server.
    const deadline = Date.now() + 20_000;
    let isListening = true;
    while (isListening && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      isListening = await fetch(url).then(
        () => true,
        () => false,
      );
    }
    expect(isListening).toBe(false);
  }, 120_000);
});
