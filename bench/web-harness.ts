/**
 * Starts the fake OpenAI-compatible server, web mode (out/main/web.js) pointed at it with a throwaway data directory,
 * and Debian's Chromium, for the render benchmark and the screenshot script. Build first (`npx electron-vite build`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startFakeServer, type FakeServer } from '../tests/support/fake-openai-server';
import { CHROMIUM_ARGS, chromiumPath } from '../tests/support/chromium';

/** Everything a script needs, and how to stop it. */
export interface WebHarness {
  fake: FakeServer;
  /** The printed URL, with `?token=`. */
  webUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

const WEB_ENTRY = resolve(import.meta.dirname, '../out/main/web.js');

/** A framework-less baseline page's code (bench/*.page.js) after what those pages share, to evaluate in a page. */
export const barePageScript = (file: string): string =>
  ['bare-kit.page.js', file].map((f) => readFileSync(resolve(import.meta.dirname, f), 'utf8')).join('\n');

const LINE = /^r9s Playground web: (http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)$/m;

const startWeb = (env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> =>
  new Promise((done, reject) => {
    if (!existsSync(WEB_ENTRY))
      return reject(new Error(`${WEB_ENTRY} is missing: run \`npx electron-vite build\``));
    const child = spawn(process.execPath, [WEB_ENTRY], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr?.on('data', (c: Buffer) => (err += c.toString('utf8')));
    child.on('exit', (code) => reject(new Error(`web mode exited (${code}): ${err}`)));
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      const m = LINE.exec(out);
      if (!m?.[1]) return;
      child.removeAllListeners('exit');
      done({ child, url: m[1] });
    });
  });

/** Starts the fake server, web mode and a headless Chromium. */
export async function startWebHarness(): Promise<WebHarness> {
  const fake = await startFakeServer();
  const home = mkdtempSync(join(tmpdir(), 'r9s-bench-home-'));
  const { child, url } = await startWeb({
    R9S_PLAYGROUND_HOME: home,
    R9S_BASE_URL: fake.url,
    R9S_API_KEY: 'sk-bench-not-a-real-key-0000',
    PORT: '0',
  });
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [...CHROMIUM_ARGS],
  });
  return {
    fake,
    webUrl: url,
    browser,
    async close() {
      await browser.close();
      await new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      });
      await fake.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
