#!/usr/bin/env node
// The `r9s-playground` command (package.json "bin", and `npm run cli`). In a checkout it builds the command line
// first when the build is missing or older than its sources (build output on stderr, so stdout stays the
// command's own), then runs out/main/cli.js in this same process, so Ctrl+C and the exit code are the command's.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('../..', import.meta.url).pathname;
const built = join(root, 'out/main/cli.js');

/** Newest modification time under a folder, tests excluded (they are not built). */
const newest = (path) => {
  const info = statSync(path);
  if (!info.isDirectory()) return path.endsWith('.test.ts') ? 0 : info.mtimeMs;
  let max = 0;
  for (const name of readdirSync(path))
    if (name !== 'node_modules') max = Math.max(max, newest(join(path, name)));
  return max;
};

const sources = ['main/cli', 'main/core', 'shared'].map((p) => join(root, p)).filter((p) => existsSync(p));
const isStale = !existsSync(built) || Math.max(0, ...sources.map(newest)) > statSync(built).mtimeMs;
if (isStale && existsSync(join(root, 'electron.vite.config.ts'))) {
  process.stderr.write('r9s-playground: building (npx electron-vite build)…\n');
  const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (build.status !== 0) {
    process.stderr.write('r9s-playground: the build failed; see the output above.\n');
    process.exit(build.status ?? 1);
  }
}
await import(pathToFileURL(built).href);
