#!/usr/bin/env node
// `npm run bench`: builds, then runs every bench/*.bench.ts in turn (each prints its own figures and ratios against a
// baseline measured in the same run). Benchmarks are never tests: they print numbers, goals are judged by reading them.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv.slice(2);
const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit' }).status ?? 1;

if (run('npx', ['electron-vite', 'build']) !== 0) process.exit(1);
const benches = readdirSync(`${root}bench`)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
let failed = 0;
for (const file of benches) {
  console.log(`\n════ ${file} ════`);
  if (run('npx', ['tsx', `bench/${file}`]) !== 0) {
    failed += 1;
    console.log(`(${file} did not finish)`);
  }
}
process.exit(failed ? 1 : 0);
