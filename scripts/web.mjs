#!/usr/bin/env node
// `npm run web`: builds what is missing or older than its sources (with `npx electron-vite build`), then runs web
// mode (`node out/main/web.js`) with the same arguments and environment. Build output goes to stderr, so stdout
// carries only web mode's one line `r9s Playground web: http://127.0.0.1:<port>/?token=<token>`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { followParent } from './follow-parent.mjs';

const root = new URL('..', import.meta.url).pathname;
const outputs = ['out/main/web.js', 'out/renderer/index.html'].map((p) => join(root, p));
const sources = ['main', 'shared', 'renderer'].map((p) => join(root, p));

/** Newest modification time under a folder (skipping tests, which are not built). */
const newest = (path) => {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let max = 0;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name.endsWith('.test.ts') || name.endsWith('.test.tsx')) continue;
    max = Math.max(max, newest(join(path, name)));
  }
  return max;
};

const isStale = () => {
  if (!outputs.every((p) => existsSync(p))) return true;
  const built = Math.min(...outputs.map((p) => statSync(p).mtimeMs));
  return Math.max(...sources.filter((p) => existsSync(p)).map(newest)) > built;
};

if (isStale()) {
  process.stderr.write('r9s Playground web: building (npx electron-vite build)…\n');
  const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (build.status !== 0) {
    process.stderr.write('r9s Playground web: the build failed; see the output above.\n');
    process.exit(build.status ?? 1);
  }
}

const child = spawn(process.execPath, [join(root, 'out/main/web.js'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: process.env,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
followParent(() => child.kill('SIGTERM'));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
