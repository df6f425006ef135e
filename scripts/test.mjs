#!/usr/bin/env node
// The one test command (`npm test`): builds, runs every suite (unit + component + contract in Vitest, end-to-end in
// Chromium through web mode with Playwright, the Electron static audit and the packaging dry run), then prints ONE
// closing line `N passed, N failed, N skipped` — CI reads only that line — and exits non-zero on any failure or when
// nothing ran. Each runner writes a JSON report into .reports/ (not test-results/, which Playwright wipes).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { findChromium } from './find-chromium.mjs';

const root = new URL('..', import.meta.url).pathname;
const reports = `${root}.reports`;
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const problems = [];

const run = (label, cmd, args, env = {}) => {
  console.log(`\n▶ ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
};

const readJson = (path) => {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
};

/** A suite that produced no report crashed before counting: that is one failure, never silence. */
const countSuite = (label, status, counts) => {
  if (!counts) {
    totals.failed += 1;
    problems.push(`${label}: no report (exit ${status})`);
    return;
  }
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  if (counts.failed > 0) problems.push(`${label}: ${counts.failed} failed`);
  else if (status !== 0) {
    totals.failed += 1;
    problems.push(`${label}: exited ${status} with no failed test (a load or config error)`);
  }
};

const chromium = findChromium({ install: true });
if (!chromium.path) {
  console.error(chromium.message);
  console.log('\n0 passed, 1 failed, 0 skipped');
  process.exit(1);
}
console.log(`Chromium: ${chromium.path}`);

if (run('build', 'npx', ['electron-vite', 'build']) !== 0) {
  console.log('\n0 passed, 1 failed, 0 skipped');
  process.exit(1);
}

// 1. Vitest: unit, component (jsdom), contract (direct, HTTP, IPC loopback).
{
  const out = `${reports}/unit.json`;
  const status = run('unit, component and contract tests', 'npx', [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ]);
  const r = readJson(out);
  countSuite(
    'vitest',
    status,
    r && {
      passed: r.numPassedTests ?? 0,
      // a suite that fails to load has no failed test of its own: count the suite
      failed: (r.numFailedTests ?? 0) || (r.numFailedTestSuites ?? 0),
      skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0),
    },
  );
}

// 2. Playwright: end-to-end in Debian's Chromium through web mode.
{
  const out = `${reports}/e2e.json`;
  const status = run('end-to-end tests (Chromium, web mode)', 'npx', ['playwright', 'test'], {
    CHROMIUM_PATH: chromium.path,
    PLAYWRIGHT_JSON_OUTPUT_NAME: out,
  });
  const s = readJson(out)?.stats;
  countSuite(
    'playwright',
    status,
    s && { passed: (s.expected ?? 0) + (s.flaky ?? 0), failed: s.unexpected ?? 0, skipped: s.skipped ?? 0 },
  );
}

// 3. Checks that are whole programs: each is one test.
for (const [label, script] of [
  ['electronegativity audit', 'scripts/audit-electron.mjs'],
  ['packaging dry run', 'scripts/package-dry-run.mjs'],
]) {
  if (!existsSync(`${root}${script}`)) {
    totals.skipped += 1;
    console.log(`(skipped ${label}: ${script} not present)`);
    continue;
  }
  const status = run(label, 'node', [script]);
  countSuite(label, 0, { passed: status === 0 ? 1 : 0, failed: status === 0 ? 0 : 1, skipped: 0 });
}

if (problems.length) console.log(`\nFailures:\n- ${problems.join('\n- ')}`);
if (totals.passed === 0 && totals.failed === 0) totals.failed = 1;
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
