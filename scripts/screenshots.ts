/**
 * Takes the README screenshots of web mode, light and dark, at 1280×800 (docs/screenshots/web-light.png,
 * web-dark.png). Run once after a build: `npx tsx scripts/screenshots.ts`.
 */
import { resolve } from 'node:path';
import { startWebHarness } from '../bench/web-harness';

const OUT = resolve(import.meta.dirname, '../docs/screenshots');
const PROMPT = `Write a short product description for a ceramic pour-over coffee dripper.

Product: Kanso Dripper
Material: hand-glazed stoneware
Description:`;

const harness = await startWebHarness();
try {
  for (const scheme of ['light', 'dark'] as const) {
    const context = await harness.browser.newContext({
      viewport: { width: 1280, height: 800 },
      colorScheme: scheme,
    });
    const page = await context.newPage();
    await page.goto(harness.webUrl);
    await page.getByRole('textbox', { name: 'Prompt' }).fill(PROMPT);
    await page.getByRole('textbox', { name: 'Model' }).fill('fake-model');
    await page.getByRole('spinbutton', { name: 'Max tokens' }).fill('60');
    await page.getByRole('spinbutton', { name: 'N', exact: true }).fill('2');
    await page.getByRole('spinbutton', { name: 'Temperature value' }).fill('0.8');
    await page.getByRole('textbox', { name: 'Stop sequences' }).fill('\n\n');
    await page.getByRole('textbox', { name: 'Stop sequences' }).press('Enter');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page
      .getByRole('region', { name: 'Completion 2' })
      .getByText(/finish/)
      .waitFor();
    await page.getByRole('textbox', { name: 'Prompt' }).focus();
    await page.screenshot({ path: resolve(OUT, `web-${scheme}.png`) });
    await context.close();
  }
} finally {
  await harness.close();
}
