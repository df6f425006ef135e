/**
 * Takes the README screenshot of Compare's test cases and grid (docs/screenshots/grid.png): a prompt with a variable,
 * three cases, two columns, the grid run to the end. Run once after a build: `npx tsx scripts/grid-screenshot.ts`.
 */
import { resolve } from 'node:path';
import { startWebHarness } from '../bench/web-harness';

const OUT = resolve(import.meta.dirname, '../docs/screenshots/grid.png');

const harness = await startWebHarness();
try {
  const context = await harness.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(harness.webUrl);
  await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill('A one-line slogan for {{product}}:');
  await page.getByRole('textbox', { name: 'Model', exact: true }).fill('fake-model');
  const max = page.getByRole('spinbutton', { name: 'Max tokens', exact: true });
  await max.fill('12');
  await max.press('Enter');
  await page.getByRole('form', { name: 'Variables' }).getByRole('textbox').fill('a coffee dripper');
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Compare' });
  await dialog.getByText('Paste cases').click();
  await dialog
    .getByRole('textbox', { name: /CSV, TSV or JSONL/ })
    .fill('product,expected\na coffee dripper,coffee\nhiking boots,trail\na desk lamp,light');
  await dialog.getByRole('button', { name: 'Add pasted cases' }).click();
  await dialog.getByRole('button', { name: 'Run grid', exact: true }).click();
  await dialog.getByText('0 remaining').waitFor();
  await dialog.getByRole('grid', { name: 'Results' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: OUT });
  await context.close();
} finally {
  await harness.close();
}
