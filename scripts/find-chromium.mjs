// Finds a Chromium for the browser tests: CHROMIUM_PATH, /usr/bin/chromium, chromium-browser, google-chrome.
// Where none exists and we are root with apt (CI, our dev machines), installs Debian's `chromium`; otherwise returns
// a message saying how to get one. Playwright's own browser download cannot work on our machines.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const which = (name) => {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
};

const locate = () => {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  return (
    which('chromium-browser') ?? which('chromium') ?? which('google-chrome') ?? which('google-chrome-stable')
  );
};

/** Returns `{ path }` or `{ message }`; with `install`, tries apt-get as root first. */
export function findChromium({ install = false } = {}) {
  const found = locate();
  if (found) return { path: found };
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (install && isRoot && which('apt-get')) {
    console.log("No Chromium found: installing Debian's chromium with apt-get (about a minute)…");
    try {
      execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
      execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
        stdio: 'inherit',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
    } catch {
      // fall through to the message below
    }
    const after = locate();
    if (after) return { path: after };
  }
  return {
    message:
      'No Chromium found for the browser tests. Install one (Debian/Ubuntu: `sudo apt-get install chromium`) ' +
      'or set CHROMIUM_PATH to a Chromium or Chrome executable, then run `npm test` again.',
  };
}
