/**
 * Scrolling the results grid: a 250-case × 8-setup results file imported into the app's Results grid
 * (renderer/src/features/grid), scrolled down to its end and back a fixed step per frame; the same cells drawn as a
 * plain table with no framework and no virtualization are scrolled the same way as the baseline (scroll-probe.page.js).
 * Prints frames over 50 ms, frame work and frame length p50/p99, app ÷ baseline, and the page's JS heap (after a
 * garbage collection) before the grid, with it shown, and after closing it. Run after a build, from
 * render-latency.bench.ts (SCENARIOS=grid).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { fixtureGrid, fixtureJsonl, type FixtureOptions } from '../tests/support/results-fixture';

const PROBE = readFileSync(resolve(import.meta.dirname, 'scroll-probe.page.js'), 'utf8');
const CASES = 250;
const COLUMNS = 8;
/** Pixels scrolled per frame: about a row, so every row is drawn on the way. */
const STEP = 120;

/** Outputs of a few lines and a few hundred characters, different per cell, as a real grid has. */
const GRID: FixtureOptions = {
  cases: CASES,
  columns: COLUMNS,
  output: (i, j) =>
    `Answer to case ${i + 1} from setup ${j + 1}.\n` +
    `${'The quick brown fox jumps over the lazy dog. '.repeat(2 + ((i + j) % 4))}\nLast line ${i * j}.`,
};

interface Scrolled {
  frames: number[];
  works: number[];
  longFrames: number[];
}

const sorted = (list: readonly number[]) => [...list].sort((a, b) => a - b);
const pct = (list: readonly number[], p: number) => {
  const s = sorted(list);
  return s.length === 0 ? NaN : (s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN);
};
const ms = (n: number) => `${n.toFixed(2)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const heap = async (page: Page): Promise<number> => {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
};

const describe = (title: string, s: Scrolled) => {
  const over = s.frames.filter((f) => f > 50).length;
  console.log(`${title}: ${s.frames.length} frames`);
  console.log(
    `  frames over 50 ms    ${over} (long animation frames reported by Chromium: ${s.longFrames.length}${s.longFrames.length ? `, longest ${ms(Math.max(...s.longFrames))}` : ''})`,
  );
  console.log(
    `  frame work           p50 ${ms(pct(s.works, 50))}  p99 ${ms(pct(s.works, 99))}  max ${ms(Math.max(...s.works))}`,
  );
  console.log(
    `  frame length         p50 ${ms(pct(s.frames, 50))}  p99 ${ms(pct(s.frames, 99))}  longest ${ms(Math.max(...s.frames))}`,
  );
};

/** The app: Import results → the Results grid, scrolled. */
async function appScroll(browser: Browser, webUrl: string, file: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(webUrl);
  await page.getByRole('button', { name: 'Import results', exact: true }).waitFor();
  const before = await heap(page);
  await page.getByRole('button', { name: 'Import results', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Results' });
  await dialog.getByLabel('Choose results file').setInputFiles(file);
  await dialog.getByRole('grid', { name: 'Results' }).getByRole('rowheader').first().waitFor();
  const shown = await heap(page);
  await page.evaluate(PROBE);
  const scrolled = await page.evaluate<Scrolled>(
    `window.scrollProbe('[role="grid"][aria-label="Results"]', ${STEP})`,
  );
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  const cleared = await heap(page);
  await context.close();
  return { scrolled, before, shown, cleared };
}

/** The baseline: the same cells as one plain table in a page of the same origin (a 404 page: none of the app runs). */
async function bareScroll(browser: Browser, webUrl: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${new URL(webUrl).origin}/results-grid-baseline`);
  await page.evaluate(PROBE);
  const grid = fixtureGrid(GRID);
  const rows = grid.cases.map((c, i) => [c.id, ...grid.columns.map((_, j) => GRID.output(i, j, 0) ?? '')]);
  const headers = ['Case', ...grid.columns.map((c) => c.label)];
  await page.evaluate(`window.bareTable(${JSON.stringify(rows)}, ${JSON.stringify(headers)})`);
  const scrolled = await page.evaluate<Scrolled>(`window.scrollProbe('#bare-grid', ${STEP})`);
  await context.close();
  return scrolled;
}

/** Runs both and prints their figures. */
export async function resultsGridScrollScenario(browser: Browser, webUrl: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'r9s-bench-grid-'));
  try {
    const file = join(dir, 'results.jsonl');
    writeFileSync(file, fixtureJsonl(GRID));
    const app = await appScroll(browser, webUrl, file);
    const bare = await bareScroll(browser, webUrl);
    console.log(
      `results grid, ${CASES} cases × ${COLUMNS} setups, scrolled ${STEP} px per frame down and back (goal: no frame over 50 ms)`,
    );
    describe('  app (Results grid, virtualized rows)', app.scrolled);
    describe('  baseline (plain table, no framework)', bare);
    const ratio = (p: number) => (pct(app.scrolled.works, p) / pct(bare.works, p)).toFixed(2);
    console.log(`  app ÷ baseline: frame work p50 ${ratio(50)}×, p99 ${ratio(99)}×`);
    console.log(
      `  JS heap              before ${mb(app.before)}, grid shown ${mb(app.shown)}, after closing it ${mb(app.cleared)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
