#!/usr/bin/env node
// `npm start`: the desktop app where Electron's binary exists, web mode everywhere else.
// Never `require('electron')` here: without its binary that module tries to download one. Instead read the file the
// Electron package's installer writes (node_modules/electron/path.txt) and check the binary it names exists.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { followParent } from './follow-parent.mjs';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);

/** The Electron executable, or a reason it is missing. Honours ELECTRON_OVERRIDE_DIST_PATH like electron/index.js. */
const findElectron = () => {
  const pkg = join(root, 'node_modules/electron');
  if (!existsSync(pkg)) return { missing: 'the electron package is not installed: run `npm ci`' };
  const pathFile = join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const binary = join(override, relative || 'electron');
    return existsSync(binary) ? { binary } : { missing: `ELECTRON_OVERRIDE_DIST_PATH has no ${binary}` };
  }
  if (!relative) return { missing: 'no node_modules/electron/path.txt: it was never downloaded' };
  const binary = join(pkg, 'dist', relative);
  return existsSync(binary) ? { binary } : { missing: `${binary} does not exist` };
};

const startWebMode = (reason) => {
  console.error(`r9s Playground: Electron's binary is missing (${reason}), so web mode starts instead.`);
  const child = spawn(process.execPath, [join(root, 'scripts/web.mjs'), ...args], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  followParent(() => child.kill('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
};

/** Newest modification time under a path, skipping tests (they are not built). */
const newest = (path) => {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let max = 0;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || /\.test\.tsx?$/.test(name)) continue;
    max = Math.max(max, newest(join(path, name)));
  }
  return max;
};

const buildIfStale = () => {
  const outputs = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'].map((p) =>
    join(root, p),
  );
  const sources = ['main', 'shared', 'renderer'].map((p) => join(root, p)).filter((p) => existsSync(p));
  const fresh =
    outputs.every((p) => existsSync(p)) &&
    Math.max(...sources.map(newest)) <= Math.min(...outputs.map((p) => statSync(p).mtimeMs));
  if (fresh) return true;
  console.error('r9s Playground: building (npx electron-vite build)…');
  return spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: ['ignore', 2, 2] }).status === 0;
};

const electron = findElectron();
if (!electron.binary) {
  startWebMode(electron.missing);
} else if (!buildIfStale()) {
  console.error('r9s Playground: the build failed; see the output above.');
  process.exit(1);
} else {
  // ELECTRON_RUN_AS_NODE would turn the app into a plain Node process.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(electron.binary, [root, ...args], { stdio: 'inherit', env });
  let started = false;
  child.on('spawn', () => (started = true));
  child.on('error', (error) => {
    if (!started) startWebMode(`${electron.binary} could not be started: ${error.code ?? error.message}`);
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  followParent(() => child.kill('SIGTERM'));
  child.on('exit', (code, signal) => {
    if (started) process.exit(code ?? (signal ? 1 : 0));
  });
}
