/**
 * Render latency through web mode: 4 runs of `fake-rate-2000` (2,000 tokens/s) at once, and the page's
 * `?bench=1` probe records, per delta, the time from its arrival at the page to the paint of the frame that drew it,
 * plus frame lengths. Headline: one page running 4 Compare columns (goals p99 ≤ 17 ms, no frame over 50 ms). Baseline
 * in the same run: the same 4 streams drawn by a page with no framework (bare-renderer.page.js), timed the same way, so
 * the app's figures come with the floor this machine and browser set. Each scenario prints the CPU used per process.
 * Stress figure: 4 windows (4 renderer processes) with one run each, which on a small machine mostly measures CPU
 * starvation. Also the renderer's gzipped JS (≤ 250 KB) and typing beside a long output.
 * Grid scenario: a test-case grid of RUNS columns × GRID_CASES cases run through "Run grid" at the same token rate
 * and the same streams at once (compare concurrency = RUNS) as the Compare run, with its frame work and arrival →
 * paint as ratios of the Compare run's, and the page's JS heap after the grid and after "Clear grid".
 * Run after a build: `npx tsx bench/render-latency.bench.ts` (TOKENS=… tokens per run, ROUNDS=… Compare/bare rounds,
 * SCENARIOS=compare,bare,windows,typing,grid,results-scroll,tokens,tokens-open; GRID_CASES, GRID_TOKENS; results-scroll
 * scrolls a 250 × 8 results grid, see results-grid-scroll.ts; the token view's scenarios are in token-view-scenarios.ts;
 * the default leaves the token ones out).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { cpuLine, cpuSnapshot } from './cpu-usage';
import { fontLine } from './font-check';
import { resultsGridScrollScenario } from './results-grid-scroll';
import { tokenOpenScenario, tokenStreamingScenario, type TokenBenchKit } from './token-view-scenarios';
import { barePageScript, startWebHarness } from './web-harness';

/** What the page's `?bench=1` probe collects (renderer/src/state/bench-probe.ts). */
interface BenchData {
  lags: number[];
  waits: number[];
  works: number[];
  wholes: number[];
  frames: number[];
  longFrames: number[];
}

/** The baseline page's code, evaluated in the page as it is (see bare-renderer.page.js). */
const BARE_RENDERER = barePageScript('bare-renderer.page.js');

const RUNS = Number(process.env['RUNS'] ?? 4);
const ROUNDS = Number(process.env['ROUNDS'] ?? 3);
const TOKENS = Number(process.env['TOKENS'] ?? 8000);
const RATE = 2000;
const SCENARIOS = (process.env['SCENARIOS'] ?? 'compare,bare,windows,typing,grid,results-scroll').split(',');
const GRID_CASES = Number(process.env['GRID_CASES'] ?? 25);
const GRID_TOKENS = Number(process.env['GRID_TOKENS'] ?? 400);
const VIEWPORT = { viewport: { width: 1280, height: 800 } };
const DONE = /^(Done|Failed|Stopped)$/;

/**
 * Waits until `count` elements matching `selector` show a final status, checking every 200 ms. Playwright's own
 * locator waits poll inside the page on every animation frame (role queries included), which would load the very
 * frames this benchmark measures.
 */
const waitForFinal = (page: Page, selector: string, count: number) =>
  page.waitForFunction(
    ({ selector, count }) => {
      // This runs in the page: no DOM types in the bench's compile, and no named helpers (tsx would wrap them in a
      // __name() the page does not have).
      const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): Iterable<PageNode> } })
        .document;
      return (
        [...doc.querySelectorAll(selector)].filter((el) =>
          /^(done|failed|stopped)$/i.test(el.textContent ?? ''),
        ).length >= count
      );
    },
    { selector, count },
    { polling: 200, timeout: 120_000 },
  );

/** The one DOM member waitForFinal reads. */
interface PageNode {
  textContent: string | null;
}

/** A copy of `list` in ascending order. */
const ascending = (list: readonly number[]) => [...list].sort((a, b) => a - b);
/** One probe figure over every page a scenario measured, in ascending order. */
const measuredOf = (m: Measured, key: keyof BenchData) => ascending(m.data.flatMap((d) => d[key]));
const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? NaN
    : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN);
const ms = (n: number) => `${n.toFixed(2)} ms`;

const readProbe = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { __r9sBench?: BenchData }).__r9sBench ?? null);
const resetProbe = (page: Page) =>
  page.evaluate(() => {
    const data = (globalThis as unknown as { __r9sBench?: BenchData }).__r9sBench;
    if (data) for (const list of Object.values(data) as number[][]) list.length = 0;
  });

function rendererGzipBytes(): number {
  const dir = resolve(import.meta.dirname, '../out/renderer/assets');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .reduce((sum, f) => sum + gzipSync(readFileSync(resolve(dir, f)), { level: 9 }).length, 0);
}

/** What one scenario measured. */
interface Measured {
  wall: number;
  statuses: string[];
  chars: number[];
  data: BenchData[];
  /** CPU per process while it ran (cpu-usage.ts). */
  cpu: string;
}

function report(title: string, m: Measured): void {
  const sorted = (key: keyof BenchData) => measuredOf(m, key);
  const lags = sorted('lags');
  const waits = sorted('waits');
  const works = sorted('works');
  const frames = sorted('frames');
  const longFrames = m.data.flatMap((d) => d.longFrames);
  const tokensPerSecond = (RUNS * TOKENS) / (m.wall / 1000);
  console.log(`${title}: ${RUNS} runs × ${TOKENS} tokens at ${RATE} tokens/s asked`);
  console.log(`  run status           ${m.statuses.join(', ')}; output ${m.chars.join(' / ')} characters`);
  console.log(
    `  wall                 ${ms(m.wall)} (${Math.round(tokensPerSecond)} tokens/s over all runs; ideal ${ms((TOKENS / RATE) * 1000)})`,
  );
  console.log(`  deltas measured      ${lags.length}`);
  console.log(`  CPU while streaming  ${m.cpu}`);
  console.log(
    `  arrival → paint      p50 ${ms(percentile(lags, 50))}  p99 ${ms(percentile(lags, 99))}  max ${ms(lags.at(-1) ?? NaN)}  (goal p99 ≤ 17 ms)`,
  );
  const vsync = percentile(frames, 50);
  console.log(
    `    = wait for a frame p50 ${ms(percentile(waits, 50))}  p99 ${ms(percentile(waits, 99))}  (refresh every ${ms(vsync)}: a uniform arrival alone waits up to that, p99 ${ms(0.99 * vsync)})`,
  );
  console.log(
    `    + frame work       p50 ${ms(percentile(works, 50))}  p99 ${ms(percentile(works, 99))}  (batch applied → painted, per frame: our cost)`,
  );
  console.log(
    `  frame length         p50 ${ms(percentile(frames, 50))}  p99 ${ms(percentile(frames, 99))}  longest ${ms(frames.at(-1) ?? NaN)}  (goal ≤ 50 ms)`,
  );
  console.log(
    `  long animation frames ${longFrames.length} over 50 ms${longFrames.length ? `, longest ${ms(Math.max(...longFrames))}` : ''}`,
  );
}

/** Opens a `?bench=1` page with the benchmark's prompt, model and max tokens in the editor. */
async function benchPage(context: BrowserContext, prompt: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${harness.webUrl}&bench=1`);
  await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill(prompt);
  await page.getByRole('textbox', { name: 'Model', exact: true }).fill(`fake-rate-${RATE}`);
  const max = page.getByRole('spinbutton', { name: 'Max tokens', exact: true });
  await max.fill(String(TOKENS));
  await max.press('Enter');
  return page;
}

/** Headline: one page, Compare with RUNS columns of the editor's setup, "Run all". */
async function compareScenario(browser: Browser): Promise<Measured> {
  const context = await browser.newContext(VIEWPORT);
  const page = await benchPage(context, 'Benchmark prompt');
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Compare' });
  for (let n = 2; n < RUNS; n++) await dialog.getByRole('button', { name: 'Add column' }).click();
  const columns = Array.from({ length: RUNS }, (_, i) =>
    dialog.getByRole('region', { name: `Column ${i + 1}`, exact: true }),
  );
  await resetProbe(page);
  const started = performance.now();
  const before = cpuSnapshot();
  await dialog.getByRole('button', { name: 'Run all' }).click();
  await waitForFinal(page, '.compare-column [role="status"]', RUNS);
  const wall = performance.now() - started;
  const cpu = cpuLine(before, cpuSnapshot(), wall);
  const statuses = await Promise.all(
    columns.map(async (c) => (await c.getByRole('status').textContent()) ?? ''),
  );
  const chars = await Promise.all(
    // The text alone: the output box also holds each choice's finish badge.
    columns.map(async (c) => (await c.locator('.compare-text').textContent())?.length ?? 0),
  );
  // How the long single line was drawn: measured cuts keep blocks contained; inline blocks relayout the whole line.
  const blocks = {
    cut: await page.locator('.compare-text .out-block.is-cut').count(),
    inline: await page.locator('.compare-text .out-block.is-inline').count(),
    pending: await page.locator('.compare-text .out-block.is-pending').count(),
    all: await page.locator('.compare-text .out-block').count(),
  };
  console.log(
    `  blocks               ${blocks.all} (${blocks.cut} cut where measured, ${blocks.pending} pending until drawn, ${blocks.inline} inline)`,
  );
  const data = await readProbe(page);
  await context.close();
  return { wall, statuses, chars, data: data ? [data] : [], cpu };
}

/** Stress: RUNS windows (one browser context, so one renderer process, each), one run in each. */
async function windowsScenario(browser: Browser): Promise<Measured> {
  // Tabs of one window would be hidden and throttled.
  const contexts: BrowserContext[] = [];
  const pages: Page[] = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext(VIEWPORT);
    contexts.push(context);
    pages.push(await benchPage(context, `Benchmark prompt ${i}`));
  }
  await Promise.all(pages.map(resetProbe));
  const started = performance.now();
  const before = cpuSnapshot();
  await Promise.all(pages.map((p) => p.getByRole('button', { name: 'Run', exact: true }).click()));
  const status = (p: Page) => p.getByRole('toolbar', { name: 'Run controls' }).getByRole('status');
  await Promise.all(pages.map((p) => waitForFinal(p, '.run-status', 1)));
  const wall = performance.now() - started;
  const cpu = cpuLine(before, cpuSnapshot(), wall);
  const statuses = await Promise.all(pages.map(async (p) => (await status(p).textContent()) ?? ''));
  const chars = await Promise.all(
    pages.map(
      async (p) =>
        (
          await p
            .getByRole('region', { name: 'Completion', exact: true })
            .locator('.choice-text')
            .textContent()
        )?.length ?? 0,
    ),
  );
  const data = (await Promise.all(pages.map(readProbe))).filter((d): d is BenchData => d !== null);
  await Promise.all(contexts.map((c) => c.close()));
  return { wall, statuses, chars, data, cpu };
}

/**
 * Baseline: the same RUNS streams through web mode into one page of its origin (a 404 page, so none of the app runs),
 * drawn by bare-renderer.page.js — blocks of plain text nodes, no framework — and timed by the same probe.
 */
async function bareScenario(browser: Browser): Promise<Measured> {
  const context = await browser.newContext(VIEWPORT);
  const page = await context.newPage();
  const url = new URL(harness.webUrl);
  await page.goto(`${url.origin}/render-baseline`);
  const options = {
    token: url.searchParams.get('token'),
    model: `fake-rate-${RATE}`,
    prompt: 'Benchmark prompt',
    maxTokens: TOKENS,
    runs: RUNS,
  };
  const before = cpuSnapshot();
  const result = await page.evaluate<{ wall: number; statuses: string[]; chars: number[] }>(
    `${BARE_RENDERER}\nwindow.bareRenderer(${JSON.stringify(options)})`,
  );
  const cpu = cpuLine(before, cpuSnapshot(), result.wall);
  const data = await readProbe(page);
  await context.close();
  return { ...result, data: data ? [data] : [], cpu };
}

/** The app's figures over the baseline's: arrival → paint and frame work, p50 and p99. */
type Ratios = Record<'lag50' | 'lag99' | 'work50' | 'work99', number>;

const printRatios = (title: string, r: Ratios) =>
  console.log(
    `${title}: arrival → paint p50 ${r.lag50.toFixed(2)}×, p99 ${r.lag99.toFixed(2)}×; frame work p50 ${r.work50.toFixed(2)}×, p99 ${r.work99.toFixed(2)}×`,
  );

/** The app's figure over the baseline's, for the lines both have. */
function reportRatio(app: Measured, bare: Measured): Ratios {
  const ratio = (key: keyof BenchData, p: number) =>
    percentile(measuredOf(app, key), p) / percentile(measuredOf(bare, key), p);
  const r = {
    lag50: ratio('lags', 50),
    lag99: ratio('lags', 99),
    work50: ratio('works', 50),
    work99: ratio('works', 99),
  };
  printRatios('app ÷ bare page', r);
  return r;
}

/** The median of each ratio over the rounds. */
function reportMedianRatio(rounds: Ratios[]): void {
  const median = (key: keyof Ratios) => percentile(ascending(rounds.map((r) => r[key])), 50);
  printRatios(`app ÷ bare page, median of ${rounds.length} rounds`, {
    lag50: median('lag50'),
    lag99: median('lag99'),
    work50: median('work50'),
    work99: median('work99'),
  });
}

/** The page's JS heap after a full garbage collection, in MB (Chrome DevTools Protocol). */
async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / 1024 / 1024;
}

/**
 * A grid of RUNS columns × GRID_CASES cases: the same RUNS streams at once at the same rate as the Compare run
 * (compare concurrency is RUNS), each cell GRID_TOKENS tokens; then "Clear grid".
 */
async function gridScenario(
  browser: Browser,
): Promise<Measured & { heapAfter: number; heapCleared: number; cells: number }> {
  const context = await browser.newContext(VIEWPORT);
  const page = await context.newPage();
  await page.goto(`${harness.webUrl}&bench=1`);
  await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill('Benchmark {{topic}}');
  await page.getByRole('textbox', { name: 'Model', exact: true }).fill(`fake-rate-${RATE}`);
  const max = page.getByRole('spinbutton', { name: 'Max tokens', exact: true });
  await max.fill(String(GRID_TOKENS));
  await max.press('Enter');
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Compare' });
  for (let n = 2; n < RUNS; n++) await dialog.getByRole('button', { name: 'Add column' }).click();
  await dialog.getByText('Paste cases').click();
  const rows = Array.from({ length: GRID_CASES }, (_, i) => `topic ${i + 1}`);
  await dialog.getByRole('textbox', { name: /CSV, TSV or JSONL/ }).fill(['topic', ...rows].join('\n'));
  await dialog.getByRole('button', { name: 'Add pasted cases' }).click();
  await resetProbe(page);
  const started = performance.now();
  const before = cpuSnapshot();
  await dialog.getByRole('button', { name: 'Run grid', exact: true }).click();
  const cells = RUNS * GRID_CASES;
  await page.waitForFunction(
    (total) => {
      const doc = (globalThis as unknown as { document: { querySelector(s: string): PageNode | null } })
        .document;
      const text = doc.querySelector('.grid-progress')?.textContent ?? '';
      return text.includes(' 0 remaining') && text.includes(`${total} done`);
    },
    cells,
    { polling: 200, timeout: 600_000 },
  );
  const wall = performance.now() - started;
  const cpu = cpuLine(before, cpuSnapshot(), wall);
  const data = await readProbe(page);
  const heapAfter = await heapMb(page);
  await dialog.getByRole('button', { name: 'Clear grid', exact: true }).click();
  await dialog.getByRole('grid', { name: 'Results' }).waitFor({ state: 'detached' });
  const heapCleared = await heapMb(page);
  await context.close();
  return {
    wall,
    statuses: [`${cells} cells done`],
    chars: [],
    data: data ? [data] : [],
    cpu,
    heapAfter,
    heapCleared,
    cells,
  };
}

/** The grid's frame work and arrival → paint over the Compare run's at the same token rate. */
function reportGrid(
  grid: Measured & { heapAfter: number; heapCleared: number; cells: number },
  compare?: Measured,
): void {
  const figure = (m: Measured, key: keyof BenchData, p: number) => percentile(measuredOf(m, key), p);
  const lags = measuredOf(grid, 'lags');
  const works = measuredOf(grid, 'works');
  const frames = measuredOf(grid, 'frames');
  console.log(
    `grid: ${RUNS} columns × ${GRID_CASES} cases = ${grid.cells} cells × ${GRID_TOKENS} tokens at ${RATE} tokens/s, ${RUNS} at once`,
  );
  console.log(`  wall                 ${ms(grid.wall)}; CPU ${grid.cpu}`);
  console.log(
    `  arrival → paint      p50 ${ms(percentile(lags, 50))}  p99 ${ms(percentile(lags, 99))}; frame work p50 ${ms(percentile(works, 50))}  p99 ${ms(percentile(works, 99))}; longest frame ${ms(frames.at(-1) ?? NaN)}`,
  );
  if (compare) {
    const ratio = (key: keyof BenchData, p: number) =>
      `${(figure(grid, key, p) / figure(compare, key, p)).toFixed(2)}×`;
    console.log(
      `  grid ÷ Compare run   arrival → paint p50 ${ratio('lags', 50)}, p99 ${ratio('lags', 99)}; frame work p50 ${ratio('works', 50)}, p99 ${ratio('works', 99)}  (goal ≤ 1.25×)`,
    );
  }
  console.log(
    `  JS heap              ${grid.heapAfter.toFixed(1)} MB after the grid, ${grid.heapCleared.toFixed(1)} MB after Clear grid`,
  );
}

/** Typing into the prompt while a 200,000-character output is on screen: keystroke → paint of the prompt. */
async function typingScenario(browser: Browser): Promise<void> {
  const context = await browser.newContext(VIEWPORT);
  const page = await context.newPage();
  await page.goto(`${harness.webUrl}&bench=1`);
  const prompt = page.getByRole('textbox', { name: 'Prompt', exact: true });
  await prompt.fill('Long output');
  await page.getByRole('textbox', { name: 'Model', exact: true }).fill('fake-rate-50000');
  const max = page.getByRole('spinbutton', { name: 'Max tokens', exact: true });
  await max.fill('45000');
  await max.press('Enter');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const status = page.getByRole('toolbar', { name: 'Run controls' }).getByRole('status');
  await status.filter({ hasText: DONE }).waitFor({ timeout: 120_000 });
  const completion = page.getByRole('region', { name: 'Completion', exact: true }).locator('.choice-text');
  const chars = (await completion.textContent())?.length ?? 0;
  // The stream itself: a frame's work while the output was short against while it was long (the first and last
  // quarter of its frames), which an append that costs the delta, not the output's length, keeps alike.
  const works = (await readProbe(page))?.works ?? [];
  const quarter = Math.floor(works.length / 4);
  const p50 = (list: number[]) => ms(percentile(ascending(list), 50));
  console.log(
    `one run streaming a ${chars.toLocaleString('en-US')}-char output: frame work p50 ${p50(works.slice(0, quarter))} in its first quarter, ${p50(works.slice(-quarter))} in its last (${works.length} frames)`,
  );
  // In the page: each input event's time, and the paint after it (a message posted from the next frame).
  await page.evaluate(`(() => {
    const el = document.getElementById('prompt');
    const lags = (window.__typingLags = []);
    el.addEventListener('input', () => {
      const t = performance.now();
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => lags.push(performance.now() - t);
        ch.port2.postMessage(0);
      });
    });
  })()`);
  await prompt.focus();
  await prompt.press('End');
  await page.keyboard.type(' and then the typing goes on for a while', { delay: 30 });
  const lags = ascending(await page.evaluate<number[]>('window.__typingLags'));
  console.log(
    `  typing, ${chars.toLocaleString('en-US')}-char output on screen: keystroke → paint p50 ${ms(percentile(lags, 50))}  max ${ms(lags.at(-1) ?? NaN)} (${lags.length} keys)`,
  );
  await context.close();
}

const harness = await startWebHarness();
try {
  console.log('render latency through web mode, Chromium headless');
  console.log(fontLine());
  // ROUNDS > 1 alternates the Compare run and the bare page, so a burst of load on the machine lands on both alike, and
  // prints the median of each ratio over the rounds.
  const ratios: Ratios[] = [];
  let compare: Measured | undefined;
  for (let round = 1; round <= ROUNDS; round++) {
    if (ROUNDS > 1) console.log(`round ${round} of ${ROUNDS}`);
    compare = SCENARIOS.includes('compare') ? await compareScenario(harness.browser) : undefined;
    if (compare) report(`one page, ${RUNS} runs (Compare)`, compare);
    const bare = SCENARIOS.includes('bare') ? await bareScenario(harness.browser) : undefined;
    if (bare) report(`baseline: the same ${RUNS} runs drawn by a bare page (no framework)`, bare);
    if (compare && bare) ratios.push(reportRatio(compare, bare));
  }
  if (ratios.length > 1) reportMedianRatio(ratios);
  if (SCENARIOS.includes('windows'))
    report(`${RUNS} windows, 1 run each (stress)`, await windowsScenario(harness.browser));
  console.log(`renderer JS gzipped    ${(rendererGzipBytes() / 1024).toFixed(1)} KB (goal ≤ 250 KB)`);
  if (SCENARIOS.includes('typing')) await typingScenario(harness.browser);
  if (SCENARIOS.includes('results-scroll')) await resultsGridScrollScenario(harness.browser, harness.webUrl);
  const kit: TokenBenchKit = {
    browser: harness.browser,
    webUrl: harness.webUrl,
    readProbe,
    resetProbe,
    percentile,
    ms,
    waitForFinal,
  };
  if (SCENARIOS.includes('tokens')) await tokenStreamingScenario(kit, TOKENS);
  if (SCENARIOS.includes('tokens-open')) await tokenOpenScenario(kit);
  if (SCENARIOS.includes('grid')) reportGrid(await gridScenario(harness.browser), compare);
} finally {
  await harness.close();
}
