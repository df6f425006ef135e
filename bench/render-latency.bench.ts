/**
 * Render latency through web mode (issue 4 §11): 4 pages each run `fake-rate-2000` (2,000 tokens/s) at once, and each
 * page's `?bench=1` probe records, per delta, the time from its arrival at the page to the paint of the frame that
 * drew it, plus frame lengths. Goals: p99 ≤ 17 ms, no frame over 50 ms; renderer JS ≤ 250 KB gzipped.
 * Run after a build: `npx tsx bench/render-latency.bench.ts` (TOKENS=… to change the tokens per run).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startWebHarness } from './web-harness';

interface BenchData {
  lags: number[];
  frames: number[];
  longFrames: number[];
}

const RUNS = Number(process.env['RUNS'] ?? 4);
const TOKENS = Number(process.env['TOKENS'] ?? 8000);
const RATE = 2000;

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
    if (data) {
      data.lags.length = 0;
      data.frames.length = 0;
      data.longFrames.length = 0;
    }
  });

function rendererGzipBytes(): number {
  const dir = resolve(import.meta.dirname, '../out/renderer/assets');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .reduce((sum, f) => sum + gzipSync(readFileSync(resolve(dir, f)), { level: 9 }).length, 0);
}

/** Typing into the prompt while a 200,000-character output is on screen: keystroke → paint of the prompt. */
async function typingScenario(browser: Browser): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(harness.webUrl);
  const prompt = page.getByRole('textbox', { name: 'Prompt', exact: true });
  await prompt.fill('Long output');
  await page.getByRole('textbox', { name: 'Model', exact: true }).fill('fake-rate-50000');
  const max = page.getByRole('spinbutton', { name: 'Max tokens', exact: true });
  await max.fill('45000');
  await max.press('Enter');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const status = page.getByRole('toolbar', { name: 'Run controls' }).getByRole('status');
  await status.filter({ hasText: /^(Done|Failed|Stopped)$/ }).waitFor({ timeout: 120_000 });
  const completion = page.getByRole('region', { name: 'Completion', exact: true }).locator('.choice-text');
  const chars = (await completion.textContent())?.length ?? 0;
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
  const lags = (await page.evaluate<number[]>('window.__typingLags')).sort((a, b) => a - b);
  console.log(
    `  typing, ${chars.toLocaleString('en-US')}-char output on screen: keystroke → paint p50 ${ms(percentile(lags, 50))}  max ${ms(lags.at(-1) ?? NaN)} (${lags.length} keys)`,
  );
  await context.close();
}

const harness = await startWebHarness();
try {
  // One browser context (a window of its own) per run: tabs of one window would be hidden and throttled.
  const contexts: BrowserContext[] = [];
  const pages: Page[] = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await harness.browser.newContext({ viewport: { width: 1280, height: 800 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${harness.webUrl}&bench=1`);
    await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill(`Benchmark prompt ${i}`);
    await page.getByRole('textbox', { name: 'Model', exact: true }).fill(`fake-rate-${RATE}`);
    const max = page.getByRole('spinbutton', { name: 'Max tokens', exact: true });
    await max.fill(String(TOKENS));
    await max.press('Enter');
    pages.push(page);
  }
  await Promise.all(pages.map(resetProbe));
  const started = performance.now();
  await Promise.all(pages.map((p) => p.getByRole('button', { name: 'Run', exact: true }).click()));
  await Promise.all(
    pages.map((p) =>
      p
        .getByRole('toolbar', { name: 'Run controls' })
        .getByRole('status')
        .filter({ hasText: /^(Done|Failed|Stopped)$/ })
        .waitFor({ timeout: 120_000 }),
    ),
  );
  const wall = performance.now() - started;
  const statuses = await Promise.all(
    pages.map((p) => p.getByRole('toolbar', { name: 'Run controls' }).getByRole('status').textContent()),
  );
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
  const lags = data.flatMap((d) => d.lags).sort((a, b) => a - b);
  const frames = data.flatMap((d) => d.frames).sort((a, b) => a - b);
  const longFrames = data.flatMap((d) => d.longFrames);

  console.log(
    `render latency: ${RUNS} runs × ${TOKENS} tokens at ${RATE} tokens/s through web mode, Chromium headless`,
  );
  console.log(
    `  run status           ${statuses.join(', ')}; output ${chars.join(' / ')} characters; wall ${ms(wall)}`,
  );
  console.log(`  deltas measured      ${lags.length}`);
  console.log(
    `  arrival → paint      p50 ${ms(percentile(lags, 50))}  p99 ${ms(percentile(lags, 99))}  max ${ms(lags.at(-1) ?? NaN)}  (goal p99 ≤ 17 ms)`,
  );
  console.log(
    `  frame length         p50 ${ms(percentile(frames, 50))}  p99 ${ms(percentile(frames, 99))}  longest ${ms(frames.at(-1) ?? NaN)}  (goal ≤ 50 ms)`,
  );
  console.log(
    `  long animation frames ${longFrames.length} over 50 ms${longFrames.length ? `, longest ${ms(Math.max(...longFrames))}` : ''}`,
  );
  console.log(`  renderer JS gzipped  ${(rendererGzipBytes() / 1024).toFixed(1)} KB (goal ≤ 250 KB)`);
  await Promise.all(contexts.map((c) => c.close()));
  await typingScenario(harness.browser);
} finally {
  await harness.close();
}
