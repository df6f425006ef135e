/**
 * The end-to-end fixture: a fake OpenAI-compatible server, then web mode (`node out/main/web.js`, built by
 * `npm run build`) pointed at it with a fresh data directory, then the page opened at web mode's printed URL.
 * Processes are stopped after each test; web mode must print exactly one line on stdout.
 */
import { test as base, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startFakeServer, type FakeServer } from '../support/fake-openai-server';

/** The key web mode gets through R9S_API_KEY (tests may check it reaches only the fake server). */
export const E2E_API_KEY = 'sk-e2e-test-key-7d1c4b9a02ef3865';

/** The line web mode prints, and what it carries. */
const LINE = /^r9s Playground web: (http:\/\/127\.0\.0\.1:(\d+))\/\?token=([A-Za-z0-9_-]+)$/;

/** A running web mode. */
export interface WebMode {
  /** The full printed URL, with `?token=`. */
  webUrl: string;
  origin: string;
  token: string;
  child: ChildProcess;
}

const WEB_ENTRY = resolve(import.meta.dirname, '../../out/main/web.js');

/** Starts web mode and resolves with its URL once its one line is out. */
export const startWebMode = (
  env: Record<string, string>,
): Promise<WebMode & { stdout: () => string; stderr: () => string }> =>
  new Promise((resolvePromise, reject) => {
    // E2E_WEB_ENTRY lets the harness itself be checked against another build; normal runs use out/main/web.js.
    const entry = process.env['E2E_WEB_ENTRY'] ?? WEB_ENTRY;
    if (!existsSync(entry)) return reject(new Error(`${entry} is missing: run \`npm run build\` first`));
    const child = spawn(process.execPath, [entry], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const fail = (why: string) => reject(new Error(`web mode ${why}; stderr:\n${stderr}`));
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('exit', (code) => fail(`exited (${code}) before printing its URL`));
    child.stdout?.on('data', (c: Buffer) => {
      stdout += c.toString('utf8');
      const first = stdout.split('\n')[0] ?? '';
      if (!stdout.includes('\n')) return;
      const match = LINE.exec(first);
      if (!match) return fail(`printed an unexpected line: ${JSON.stringify(first)}`);
      child.removeAllListeners('exit');
      resolvePromise({
        webUrl: match[0].slice('r9s Playground web: '.length),
        origin: match[1] ?? '',
        token: match[3] ?? '',
        child,
        stdout: () => stdout,
        stderr: () => stderr,
      });
    });
  });

/** Stops a web mode and waits for it to exit. */
export const stopWebMode = (child: ChildProcess): Promise<void> =>
  new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });

/** `test` with `fake`, `dataDir`, `web` (webUrl, origin, token) and `page` already open at webUrl. */
export const test = base.extend<{ fake: FakeServer; dataDir: string; web: WebMode; page: Page }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture dependencies from this pattern
  fake: async ({}, use) => {
    const fake = await startFakeServer();
    await use(fake);
    await fake.close();
  },
  // eslint-disable-next-line no-empty-pattern -- as above
  dataDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'r9s-e2e-home-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  web: async ({ fake, dataDir }, use) => {
    const web = await startWebMode({
      R9S_PLAYGROUND_HOME: dataDir,
      R9S_BASE_URL: fake.url,
      R9S_API_KEY: E2E_API_KEY,
      PORT: '0',
      // The fake server is on loopback: these specs read its request log by position, so nothing is sent unasked.
      R9S_AUTO_CHECK: '0',
    });
    await use(web);
    await stopWebMode(web.child);
    const lines = web.stdout().split('\n').filter(Boolean);
    if (lines.length !== 1)
      throw new Error(`web mode printed ${lines.length} lines on stdout: ${web.stdout()}`);
  },
  page: async ({ page, web }, use) => {
    await page.goto(web.webUrl);
    await use(page);
  },
});

export { expect } from '@playwright/test';
