#!/usr/bin/env node
// Static audit of the Electron shell with Doyensec's Electronegativity. Its exit code says nothing about
// findings, and its CSV writer corrupts the first row (1.10.3), so this runs its programmatic API, which returns each
// finding with severity, confidence and whether it is a "review this use" prompt.
//
// Scanned: main/electron, the renderer sources (tests excluded), the built out/ when present, package.json.
// Policy: every finding needs a reviewed reason in scripts/electronegativity-accepted.json, else it fails. Only
// informational findings and Electronegativity's own "manual review" prompts (LOW/MEDIUM, e.g. "review the use of
// preload scripts") may be accepted; a HIGH finding or a plain misconfiguration always fails.
// Last line, read by the test runner: `AUDIT: <findings> findings, <accepted> accepted, <failed> failed`.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const accepted = JSON.parse(readFileSync(join(root, 'scripts/electronegativity-accepted.json'), 'utf8'));
const electronVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies.electron;

const stage = mkdtempSync(join(tmpdir(), 'r9s-audit-'));
const isSource = (path) => !/\.(test|spec)\.tsx?$/.test(path) && !path.includes('/node_modules/');
cpSync(join(root, 'main/electron'), join(stage, 'main/electron'), { recursive: true, filter: isSource });
cpSync(join(root, 'renderer'), join(stage, 'renderer'), { recursive: true, filter: isSource });
cpSync(join(root, 'package.json'), join(stage, 'package.json'));
const hasBuild = existsSync(join(root, 'out/main/index.js'));
for (const part of ['out/main', 'out/preload', 'out/renderer']) {
  if (existsSync(join(root, part))) cpSync(join(root, part), join(stage, part), { recursive: true });
}

// Electronegativity fetches translations and release lists; offline both fail fast and it carries on. Keep its
// chatter off our output.
const quiet = console.log;
console.log = () => {};
let result;
try {
  process.env.LANG = 'en-US';
  const run = require('@doyensec/electronegativity');
  result = await run(
    {
      input: stage,
      isRelative: true,
      electronVersionOverride: electronVersion,
      customScan: [],
      excludeFromScan: [],
      parserPlugins: [],
    },
    false,
  );
} finally {
  console.log = quiet;
  rmSync(stage, { recursive: true, force: true });
}

const SEVERITY_ORDER = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH'];
const rank = (name) => SEVERITY_ORDER.indexOf(name);
const used = new Set();
let acceptedCount = 0;
let failedCount = 0;

console.log(
  `electronegativity ${electronVersion ? `(Electron ${electronVersion}) ` : ''}over main/electron, renderer` +
    `${hasBuild ? ', out/' : ' (no out/: run the build to audit it too)'}: ` +
    `${result.atomicChecks} atomic + ${result.globalChecks} global checks, ${result.errors.length} parse errors`,
);
for (const error of result.errors) {
  failedCount += 1;
  console.log(`  FAILED  could not parse ${error.file ?? JSON.stringify(error)}: ${error.message ?? ''}`);
}

for (const issue of result.issues) {
  const severity = issue.severity.name;
  const where = `${issue.file}:${issue.location.line}:${issue.location.column}`;
  const sample = String(issue.sample ?? '');
  const entry = accepted.find(
    (a) => a.check === issue.id && a.files.includes(issue.file) && (!a.sample || sample.includes(a.sample)),
  );
  const acceptable =
    entry &&
    rank(severity) <= rank(entry.maxSeverity) &&
    (severity === 'INFORMATIONAL' || issue.manualReview);
  if (acceptable && rank(severity) < rank('HIGH')) {
    used.add(entry);
    acceptedCount += 1;
    console.log(
      `  accepted  ${issue.id} [${severity}, ${issue.confidence.name}] ${where}\n            ${entry.reason}`,
    );
  } else {
    failedCount += 1;
    console.log(
      `  FAILED    ${issue.id} [${severity}, ${issue.confidence.name}] ${where}: ${issue.description}` +
        `${sample ? `\n            ${sample.slice(0, 200)}` : ''}`,
    );
  }
}
for (const entry of accepted) {
  if (!used.has(entry))
    console.log(`  (allowlist entry matched nothing: ${entry.check} in ${entry.files.join(', ')})`);
}
console.log(`AUDIT: ${result.issues.length} findings, ${acceptedCount} accepted, ${failedCount} failed`);
process.exit(failedCount > 0 ? 1 : 0);
