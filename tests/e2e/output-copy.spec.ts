/**
 * An output drawn as several blocks reads and copies as one text: a selection across the blocks copies exactly the
 * output, and a block ending mid-line does not break the line on screen, before and after the width changes. The fake
 * server's text is one long line, so every block here ends mid-line.
 */
import type { Locator, Page } from '@playwright/test';
import { fakeTokens } from '../support/fake-tokens';
import { expect, test } from './fixtures';
import { runButton, runStatus, setNumber, setup } from './ui-helpers';

const PROMPT = 'Copy me exactly';
const TOKENS = 1800;

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

/** The DOM members these page functions use (the e2e specs compile without the DOM library). */
interface PageDom {
  document: {
    createRange(): { selectNodeContents(node: unknown): void };
    getSelection(): { removeAllRanges(): void; addRange(range: unknown): void } | null;
  };
  navigator: { clipboard: { writeText(text: string): Promise<void>; readText(): Promise<string> } };
}

/** An element's box, as the height check reads and copies it. */
interface Box {
  textContent: string | null;
  style: { width: string; contentVisibility: string };
  querySelectorAll(selector: string): Iterable<Box>;
  getBoundingClientRect(): { width: number; height: number };
  cloneNode(deep: boolean): Box;
  remove(): void;
  parentElement: { appendChild(node: Box): void } | null;
}

/** Selects the whole text of `outText` by hand (a Selection across its blocks), copies it, and reads the clipboard. */
async function copySelection(page: Page, outText: Locator): Promise<string> {
  await outText.evaluate((el) => {
    const { document } = globalThis as unknown as PageDom;
    const range = document.createRange();
    range.selectNodeContents(el);
    const selection = document.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
  });
  await page.evaluate(() => (globalThis as unknown as PageDom).navigator.clipboard.writeText(''));
  await page.keyboard.press('Control+C');
  return page.evaluate(() => (globalThis as unknown as PageDom).navigator.clipboard.readText());
}

/** The height of `outText`, and of the same text drawn as one text node in a copy of its box. */
const heights = (outText: Locator) =>
  outText.evaluate((el: Box) => {
    const single = el.cloneNode(false);
    single.textContent = el.textContent;
    single.style.width = `${el.getBoundingClientRect().width}px`;
    el.parentElement?.appendChild(single);
    const result = {
      blocks: el.getBoundingClientRect().height,
      single: single.getBoundingClientRect().height,
    };
    single.remove();
    return result;
  });

/** Runs the prompt with `model` and `maxTokens` in Compare's first column; that column and its text once done. */
async function runInCompareColumn(page: Page, model: string, maxTokens: number) {
  await setup(page, PROMPT, model);
  await setNumber(page, 'Max tokens', String(maxTokens));
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  const compare = page.getByRole('dialog', { name: 'Compare', exact: true });
  await compare.getByRole('textbox', { name: 'Shared prompt' }).press('Control+Shift+Enter');
  const column = compare.getByRole('region', { name: 'Column 1' });
  await expect(column.getByRole('status')).toHaveText('done');
  return { column, outText: column.locator('.out-text').first() };
}

test('a selection across blocks copies exactly the output, with n = 2, and blocks do not break lines', async ({
  page,
}) => {
  await setup(page, PROMPT, 'fake-model');
  await setNumber(page, 'Max tokens', String(TOKENS));
  await setNumber(page, 'N', '2');
  await runButton(page).click();
  await expect(runStatus(page)).toHaveText('Done');
  for (const i of [0, 1]) {
    const expected = fakeTokens(PROMPT, i, TOKENS).join('');
    const outText = page
      .getByRole('region', { name: `Completion ${i + 1}`, exact: true })
      .locator('.out-text');
    expect(await outText.locator('.out-block').count()).toBeGreaterThan(3);
    expect(await copySelection(page, outText)).toBe(expected);
    const { blocks, single } = await heights(outText);
    expect(blocks).toBe(single);
    // The line was cut where the browser wrapped it: every block stays a block (its containment kept).
    const count = await outText.locator('.out-block').count();
    expect(await outText.locator('.out-block.is-cut').count()).toBe(count - 1);
    expect(await outText.locator('.out-block.is-inline').count()).toBe(0);
  }
  // A narrower window moves every wrap: the cut blocks then flow inline, and still draw the line unbroken.
  await page.setViewportSize({ width: 900, height: 800 });
  const outText = page.getByRole('region', { name: 'Completion 1', exact: true }).locator('.out-text');
  await expect(outText.locator('.out-block.is-inline').first()).toBeAttached();
  expect(await outText.locator('.out-block.is-cut').count()).toBe(0);
  const { blocks, single } = await heights(outText);
  expect(blocks).toBe(single);
});

test('a selection across blocks in a Compare column copies exactly the output', async ({ page }) => {
  const { outText } = await runInCompareColumn(page, 'fake-model', TOKENS);
  expect(await outText.locator('.out-block').count()).toBeGreaterThan(3);
  expect(await copySelection(page, outText)).toBe(fakeTokens(PROMPT, 0, TOKENS).join(''));
});

test('a Compare column measures the blocks that closed below its view when they come into view', async ({
  page,
}) => {
  // Streamed over 3 s, so blocks close after the browser has found them off screen.
  const { column, outText } = await runInCompareColumn(page, 'fake-rate-2000', 6000);
  // The column shows its top: the blocks that closed below it were never laid out, so their wraps are not known yet.
  expect(await outText.locator('.out-block.is-pending').count()).toBeGreaterThan(0);
  // Read down the column half a view at a time, as a reader scrolls.
  const scroller = column.locator('.compare-output');
  for (;;) {
    const isAtEnd = await scroller.evaluate(
      (el: { scrollTop: number; scrollHeight: number; clientHeight: number }) => {
        el.scrollTop += el.clientHeight / 2;
        return el.scrollTop + el.clientHeight >= el.scrollHeight - 1;
      },
    );
    // Two frames: the browser finds what came into view, then draws it.
    await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
    if (isAtEnd) break;
  }
  // Each came into view cut where the browser wraps its line.
  await expect(outText.locator('.out-block.is-pending')).toHaveCount(0);
  expect(await outText.locator('.out-block.is-cut').count()).toBeGreaterThan(2);
  expect(await copySelection(page, outText)).toBe(fakeTokens(PROMPT, 0, 6000).join(''));
  // Drawn in full, the blocks are exactly as tall as the one line they hold.
  await outText.evaluate((el: Box) => {
    for (const block of el.querySelectorAll('.out-block')) block.style.contentVisibility = 'visible';
  });
  const { blocks, single } = await heights(outText);
  expect(blocks).toBe(single);
});
