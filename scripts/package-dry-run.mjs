#!/usr/bin/env node
// Packaging dry run: electron-builder with the real electron-builder.yml, an unpacked Linux build
// (`--dir`) against a stand-in Electron folder (`electronDist`), since the real binary cannot be downloaded here.
// The stand-in executable carries Electron's fuse sentinel and default fuse wire, so the fuses electron-builder flips
// are checked too. Then the packaged app.asar must hold only the built output, package.json and production
// dependencies — no sources, tests or maps — and the sandboxed preload must not bundle zod.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const { build, Platform, Arch } = require('electron-builder');
const asar = require('@electron/asar');

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron 45's default wire: RunAsNode, CookieEncryption, NodeOptions, NodeCliInspect, AsarIntegrity, OnlyAsar,
 * BrowserV8Snapshot, FileProtocolExtraPrivileges ('1' on, '0' off). */
const DEFAULT_WIRE = '10110001';
/** What electron-builder.yml's electronFuses must leave: the seven set fuses flipped (FileProtocolExtraPrivileges
 * off), BrowserV8Snapshot untouched. */
const EXPECTED_WIRE = '01001100';

const problems = [];
const check = (ok, message) => {
  if (!ok) problems.push(message);
};

if (!existsSync(join(root, 'out/main/index.js')) || !existsSync(join(root, 'out/preload/index.cjs'))) {
  console.log('package dry run: building first (npx electron-vite build)');
  if (spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' }).status !== 0)
    process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'r9s-package-'));
const fakeElectron = join(work, 'electron-dist');
const output = join(work, 'dist');
try {
  mkdirSync(join(fakeElectron, 'resources'), { recursive: true });
  const stub = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stand-in Electron: cannot run the app"\nexit 1\n# '),
    Buffer.from(SENTINEL, 'latin1'),
    Buffer.from([1, DEFAULT_WIRE.length]),
    Buffer.from(DEFAULT_WIRE, 'latin1'),
    Buffer.from('\n'),
  ]);
  writeFileSync(join(fakeElectron, 'electron'), stub);
  chmodSync(join(fakeElectron, 'electron'), 0o755);
  // No default_app.asar: electron-builder removes it only from the Electron zip it downloads, not from an
  // `electronDist` folder, which it takes as already prepared.
  writeFileSync(join(fakeElectron, 'LICENSE'), 'stand-in');

  const started = Date.now();
  await build({
    projectDir: root,
    targets: Platform.LINUX.createTarget('dir', Arch.x64),
    publish: 'never',
    config: {
      extends: null,
      electronDist: fakeElectron,
      electronVersion: '45.4.1',
      directories: { output },
    },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);

  const unpacked = join(output, 'linux-unpacked');
  const archive = join(unpacked, 'resources', 'app.asar');
  check(existsSync(archive), 'no resources/app.asar (asar must be on)');
  check(!existsSync(join(unpacked, 'resources', 'app')), 'an unpacked resources/app folder exists');

  const files = existsSync(archive)
    ? asar.listPackage(archive, { isPack: false }).map((p) => p.replaceAll('\\', '/'))
    : [];
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  const productionPackages = new Set(
    Object.entries(lock.packages ?? {})
      .filter(([path, info]) => path.startsWith('node_modules/') && !info.dev)
      // electron-builder hoists nested dependencies, so a nested package's own name counts too.
      .map(([path]) => path.split('node_modules/').at(-1)),
  );
  const allowed = (file) => {
    if (file === '/package.json' || file === '/out' || file.startsWith('/out/')) return true;
    const m = /^\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
    if (file === '/node_modules' || /^\/node_modules\/@[^/]+$/.test(file)) return true;
    return m !== null && productionPackages.has(m[1]);
  };
  const stray = files.filter((f) => !allowed(f));
  check(
    stray.length === 0,
    `app.asar holds files outside the built output: ${stray.slice(0, 10).join(', ')}`,
  );
  for (const needed of [
    '/package.json',
    '/out/main/index.js',
    '/out/preload/index.cjs',
    '/out/renderer/index.html',
  ]) {
    check(files.includes(needed), `app.asar lacks ${needed}`);
  }
  for (const forbidden of [
    /\.ts$/,
    /\.map$/,
    /^\/(main|renderer|shared|tests|scripts|bench)\//,
    /\.test\./,
  ]) {
    const hits = files.filter((f) => forbidden.test(f) && !f.startsWith('/node_modules/'));
    check(hits.length === 0, `app.asar holds ${forbidden}: ${hits.slice(0, 5).join(', ')}`);
  }
  if (existsSync(archive)) {
    const preload = asar.extractFile(archive, 'out/preload/index.cjs').toString('utf8');
    check(!/zod|ZodError/.test(preload), 'the preload bundle contains zod');
    const requires = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    check(
      requires.every((r) => r === 'electron'),
      `the preload requires more than electron: ${requires.join(', ')}`,
    );
    const pkg = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8'));
    check(pkg.main === 'out/main/index.js', `package.json main is ${pkg.main}`);
  }

  // Local models: llama.cpp's native files load only from outside the archive, and only this platform's ship.
  const llamaBins = join(unpacked, 'resources', 'app.asar.unpacked', 'node_modules', '@node-llama-cpp');
  check(
    existsSync(join(llamaBins, 'linux-x64', 'bins')),
    'node-llama-cpp linux-x64 binaries are not unpacked',
  );
  check(!existsSync(join(llamaBins, 'linux-x64-cuda')), 'the CUDA build of llama.cpp was packaged');
  check(!existsSync(join(llamaBins, 'linux-arm64')), "another platform's llama.cpp build was packaged");

  const binary = join(unpacked, 'r9s-playground');
  check(existsSync(binary), 'the executable is not named r9s-playground');
  if (existsSync(binary)) {
    const bytes = readFileSync(binary);
    const at = bytes.indexOf(SENTINEL) + SENTINEL.length;
    const wire = bytes.subarray(at + 2, at + 2 + DEFAULT_WIRE.length).toString('latin1');
    check(wire === EXPECTED_WIRE, `fuse wire is ${wire}, expected ${EXPECTED_WIRE}`);
  }

  const deps = [...new Set(files.filter((f) => f.startsWith('/node_modules/')).map((f) => f.split('/')[2]))];
  console.log(
    `package dry run: ${files.length} entries in app.asar (out/, package.json, node_modules: ${deps.join(' ') || 'none'}), ` +
      `fuses ${problems.some((p) => p.startsWith('fuse')) ? 'NOT flipped' : 'flipped'}, ${seconds} s`,
  );
} catch (error) {
  problems.push(`electron-builder failed: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (problems.length > 0) {
  console.error(`package dry run FAILED:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log('package dry run: OK');
