/**
 * Takes the README screenshots of web mode, light and dark, at 1280×800 (docs/screenshots/web-light.png,
 * web-dark.png). Run once after a build: `npx tsx scripts/screenshots.ts` (WIDTH/HEIGHT/SUFFIX to try other sizes).
 */
import { resolve } from 'node:path';
import { startWebHarness } from '../bench/web-harness';

const OUT = resolve(import.meta.dirname, '../docs/screenshots');
const WIDTH = Number(process.env['WIDTH'] ?? 1280);
const HEIGHT = Number(process.env['HEIGHT'] ?? 800);
const SUFFIX = process.env['SUFFIX'] ?? '';
const PROMPT = `Write a short product description for a ceramic pour-over coffee dripper.

Product: Kanso Dripper
Material: hand-glazed stoneware
Description:`;

for (const scheme of ['light', 'dark'] as const) {
  // A fresh web mode per theme, so each picture starts from an empty draft.
  const harness = await startWebHarness();
  try {
    const context = await harness.browser.newContext({
      viewport: { width: WIDTH, height: HEIGHT },
      colorScheme: scheme,
    });
    const page = await context.newPage();
    await page.goto(harness.webUrl);
    await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill(PROMPT);
    await page.getByRole('textbox', { name: 'Model', exact: true }).fill('fake-model');
    for (const [name, value] of [
      ['Max tokens', '60'],
      ['N', '2'],
      ['Temperature value', '0.8'],
    ] as const) {
      const input = page.getByRole('spinbutton', { name, exact: true });
      await input.fill(value);
      await input.press('Enter');
    }
    await page.getByRole('button', { name: 'Set Top P', exact: true }).click();
    const stop = page.getByRole('textbox', { name: 'Stop sequences', exact: true });
    await stop.press('Shift+Enter');
    await stop.press('Enter');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page
      .getByRole('region', { name: 'Completion 2' })
      .getByText(/finish/)
      .waitFor();
    await page.getByRole('textbox', { name: 'Prompt', exact: true }).focus();
    await page.getByRole('complementary', { name: 'Parameters' }).evaluate((el: { scrollTop: number }) => {
      el.scrollTop = 0;
    });
    await page.screenshot({ path: resolve(OUT, `web-${scheme}${SUFFIX}.png`) });
    await context.close();
  } finally {
    await harness.close();
  }
}
