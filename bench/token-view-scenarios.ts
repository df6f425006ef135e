/**
 * The token view's scenarios of the render bench (SCENARIOS=tokens,tokens-open in render-latency.bench.ts):
 * - `tokens`: one run streaming at 2,000 tokens/s with logprobs = 5, drawn as plain text and as the token view in
 *   the same run of the bench, alternately; goal: the token view's frame work within 1.25× of the plain view's. The
 *   goal is read on the whole frame (the script that draws included): plain text is shaped as it is appended, in
 *   script, token spans in layout after it, so the split figure (batch applied → paint) leaves out part of the plain
 *   view's cost. The baseline page (bare-tokens.page.js) draws the same stream as text and as spans: its ratio is
 *   the floor a span per token sets in this browser.
 * - `tokens-open`: a 20,000-token output (logprobs = 5) switched to the token view (goal: painted ≤ 200 ms), then
 *   scrolled top to bottom a screen per frame (goal: no frame over 50 ms).
 */
import type { Browser, Page } from 'playwright-core';
import { barePageScript } from './web-harness';

/** The bench's probe data and helpers, handed over by render-latency.bench.ts (one copy of each). */
export interface TokenBenchKit {
  browser: Browser;
  webUrl: string;
  readProbe: (
    page: Page,
  ) => Promise<{ works: number[]; wholes: number[]; frames: number[]; longFrames: number[] } | null>;
  resetProbe: (page: Page) => Promise<void>;
  percentile: (sorted: number[], p: number) => number;
  ms: (n: number) => string;
  waitForFinal: (page: Page, selector: string, count: number) => Promise<unknown>;
}

const VIEWPORT = { viewport: { width: 1280, height: 800 } };
/** The baseline page's code, evaluated in the page as it is (see bare-tokens.page.js). */
const BARE_TOKENS = barePageScript('bare-tokens.page.js');
const ascending = (list: readonly number[]) => [...list].sort((a, b) => a - b);

/** A `?bench=1` page with a prompt, a model, max tokens and logprobs 5 in the editor. */
async function tokenPage(kit: TokenBenchKit, model: string, tokens: number): Promise<Page> {
  const context = await kit.browser.newContext(VIEWPORT);
  const page = await context.newPage();
  await page.goto(`${kit.webUrl}&bench=1`);
  await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill('Token bench prompt');
  await page.getByRole('textbox', { name: 'Model', exact: true }).fill(model);
  const set = async (name: string, value: string) => {
    const input = page.getByRole('spinbutton', { name, exact: true });
    await input.fill(value);
    await input.press('Enter');
  };
  await set('Max tokens', String(tokens));
  // The draft outlives a page: an earlier scenario may have set logprobs already.
  const setLogprobs = page.getByRole('button', { name: 'Set Logprobs', exact: true });
  if ((await setLogprobs.count()) > 0) await setLogprobs.click();
  await set('Logprobs', '5');
  return page;
}

const toggleOf = (page: Page) =>
  page
    .getByRole('region', { name: 'Completion', exact: true })
    .getByRole('button', { name: 'Token probabilities' });

/** Per frame: the frame's work after the batch was applied, and the whole frame (its script included). */
interface FrameWorks {
  works: number[];
  wholes: number[];
}

/** One run to its end; the frame works the probe recorded meanwhile. */
async function measuredRun(kit: TokenBenchKit, page: Page): Promise<FrameWorks> {
  await kit.resetProbe(page);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await kit.waitForFinal(page, '.run-status', 1);
  const data = await kit.readProbe(page);
  return { works: data?.works ?? [], wholes: data?.wholes ?? [] };
}

/** One run drawn by the baseline page (bare-tokens.page.js) as text or as spans, into a scroller of the app's size. */
async function bareRun(
  kit: TokenBenchKit,
  page: Page,
  mode: 'text' | 'spans',
  setup: { tokens: number; width: number; height: number },
): Promise<FrameWorks> {
  const url = new URL(kit.webUrl);
  await page.goto(`${url.origin}/render-baseline`);
  const options = {
    token: url.searchParams.get('token'),
    model: 'fake-rate-2000',
    prompt: 'Token bench prompt',
    maxTokens: setup.tokens,
    mode,
    width: setup.width,
    height: setup.height,
  };
  await page.evaluate(`${BARE_TOKENS}\nwindow.bareTokens(${JSON.stringify(options)})`);
  const data = await kit.readProbe(page);
  return { works: data?.works ?? [], wholes: data?.wholes ?? [] };
}

const noFrames = (): FrameWorks => ({ works: [], wholes: [] });
const addTo = (into: FrameWorks, run: FrameWorks) => {
  into.works.push(...run.works);
  into.wholes.push(...run.wholes);
};

/**
 * Streaming at 2,000 tokens/s with logprobs 5: the app's plain view against its token view, and the baseline page's
 * text against its spans (the floor: what a span per token costs in this browser), alternately, twice each.
 */
export async function tokenStreamingScenario(kit: TokenBenchKit, tokens: number): Promise<void> {
  const page = await tokenPage(kit, 'fake-rate-2000', tokens);
  // A first run makes the choice (and its toggle) exist; its figures are not kept.
  await measuredRun(kit, page);
  const box = await page.locator('.choice-text').boundingBox();
  const setup = { tokens, width: Math.round(box?.width ?? 900), height: Math.round(box?.height ?? 600) };
  const barePage = await (await kit.browser.newContext(VIEWPORT)).newPage();
  const plain = noFrames();
  const tokenView = noFrames();
  const bareText = noFrames();
  const bareSpans = noFrames();
  for (let round = 0; round < 2; round++) {
    for (const isTokens of [false, true]) {
      const toggle = toggleOf(page);
      if ((await toggle.getAttribute('aria-pressed')) !== String(isTokens)) await toggle.click();
      addTo(isTokens ? tokenView : plain, await measuredRun(kit, page));
    }
    addTo(bareText, await bareRun(kit, barePage, 'text', setup));
    addTo(bareSpans, await bareRun(kit, barePage, 'spans', setup));
  }
  const drawn = await page.locator('.tok').count();
  const at = (list: number[], p: number) => kit.percentile(ascending(list), p);
  const line = (view: FrameWorks) =>
    `whole frame p50 ${kit.ms(at(view.wholes, 50))}  p99 ${kit.ms(at(view.wholes, 99))}; after the batch p50 ${kit.ms(at(view.works, 50))}  p99 ${kit.ms(at(view.works, 99))}  (${view.works.length} frames)`;
  console.log(
    `token view streaming: 1 run × ${tokens} tokens at 2000 tokens/s, logprobs 5, 2 runs per view, into ${setup.width}×${setup.height} px`,
  );
  console.log(`  app, plain text   ${line(plain)}`);
  console.log(`  app, token view   ${line(tokenView)}  (${drawn} token spans in the last run)`);
  console.log(`  bare page, text   ${line(bareText)}`);
  console.log(`  bare page, spans  ${line(bareSpans)}`);
  const ratio = (a: FrameWorks, b: FrameWorks, key: keyof FrameWorks, p: number) =>
    `${(at(a[key], p) / at(b[key], p)).toFixed(2)}×`;
  const ratios = (title: string, a: FrameWorks, b: FrameWorks, goal: string) =>
    console.log(
      `  ${title}: whole frame p50 ${ratio(a, b, 'wholes', 50)}, p99 ${ratio(a, b, 'wholes', 99)}${goal}; after the batch p50 ${ratio(a, b, 'works', 50)}, p99 ${ratio(a, b, 'works', 99)}`,
    );
  ratios('app token view ÷ app plain', tokenView, plain, ' (goal ≤ 1.25×)');
  ratios('floor: bare spans ÷ bare text', bareSpans, bareText, ' (a span per token, no app)');
  ratios('app token view ÷ bare spans', tokenView, bareSpans, ' (what the app adds to the floor)');
  await barePage.context().close();
  await page.context().close();
}

/** Clicks the Token probabilities toggle in the page; resolves with the time to the paint after the next frame. */
const clickToPaint = (page: Page): Promise<number> =>
  page.evaluate<number>(`new Promise((resolve) => {
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Token probabilities');
    const t = performance.now();
    button.click();
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => resolve(performance.now() - t);
      ch.port2.postMessage(0);
    });
  })`);

/** Scrolls the choice's scroller top to bottom, one screen per frame (the worst case of a fast scroll). */
const scrollThrough = (page: Page): Promise<number> =>
  page.evaluate<number>(`new Promise((resolve) => {
    const el = document.querySelector('.choice-text');
    let n = 0;
    const step = () => {
      el.scrollTop += el.clientHeight;
      n++;
      if (el.scrollTop + el.clientHeight < el.scrollHeight) requestAnimationFrame(step);
      else requestAnimationFrame(() => resolve(n));
    };
    el.scrollTop = 0;
    requestAnimationFrame(step);
  })`);

/** How long the bench waits for a frame's long-animation-frame entry to be delivered to the probe. */
const LONG_FRAME_DELIVERY_MS = 300;

/** A 20,000-token output opened in the token view, then scrolled through. */
export async function tokenOpenScenario(kit: TokenBenchKit, tokens = 20_000): Promise<void> {
  const page = await tokenPage(kit, 'fake-rate-50000', tokens);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await kit.waitForFinal(page, '.run-status', 1);
  await page.waitForTimeout(LONG_FRAME_DELIVERY_MS);
  await kit.resetProbe(page);
  const openMs = await clickToPaint(page);
  // Long-animation-frame entries reach the probe a little after their frame: wait for the open's own, or it would be
  // counted in the scroll that follows.
  await page.waitForTimeout(LONG_FRAME_DELIVERY_MS);
  const spans = await page.locator('.tok').count();
  const opened = (await kit.readProbe(page))?.longFrames ?? [];
  await kit.resetProbe(page);
  const steps = await scrollThrough(page);
  const data = await kit.readProbe(page);
  // Baseline in the same run: the plain view of the same output, opened the same way (and the token view again).
  const plainMs = await clickToPaint(page);
  await page.waitForTimeout(LONG_FRAME_DELIVERY_MS);
  await kit.resetProbe(page);
  await scrollThrough(page);
  const plainFrames = ascending((await kit.readProbe(page))?.frames ?? []);
  const againMs = await clickToPaint(page);
  const frames = ascending(data?.frames ?? []);
  const long = data?.longFrames ?? [];
  console.log(
    `token view of a ${tokens.toLocaleString('en-US')}-token output (logprobs 5), ${spans} token spans`,
  );
  console.log(
    `  open: click → painted ${kit.ms(openMs)} (goal ≤ 200 ms); long animation frames meanwhile ${opened.length ? opened.map(kit.ms).join(', ') : 'none'}`,
  );
  console.log(
    `  baseline: the plain view of the same output, click → painted ${kit.ms(plainMs)}; the token view again ${kit.ms(againMs)}`,
  );
  console.log(
    `  scroll: ${steps} screens, one per frame: frame length p50 ${kit.ms(kit.percentile(frames, 50))}  longest ${kit.ms(frames.at(-1) ?? NaN)}; long animation frames over 50 ms ${long.length}${long.length ? `, longest ${kit.ms(Math.max(...long))}` : ''} (goal: none)`,
  );
  console.log(
    `  baseline: the plain view scrolled the same way: frame length p50 ${kit.ms(kit.percentile(plainFrames, 50))}  longest ${kit.ms(plainFrames.at(-1) ?? NaN)}`,
  );
  await page.context().close();
}
