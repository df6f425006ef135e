/**
 * Takes the README picture of the Results grid (docs/screenshots/results-grid.png, 1280×800, light): a small results
 * file imported, a check added and a cell rated. Run once after a build: `npx tsx scripts/results-screenshot.ts`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startWebHarness } from '../bench/web-harness';
import { fixtureJsonl } from '../tests/support/results-fixture';

const ANSWERS = [
  [
    'Kyoto is known for its temples.',
    'Kyoto is famous for its temples and gardens.',
    'Kyoto is known for its temples.',
  ],
  ['{"city": "Lyon", "dish": "quenelles"}', '{"city": "Lyon", "dish": "quenelles"}', 'Lyon: quenelles'],
  ['Porto sits on the Douro.', 'Porto sits on the Douro river.', 'Porto sits on the Douro.'],
  ['Oslo has a fjord.', 'Oslo has a fjord.', 'Oslo has a fjord.'],
];
const dir = mkdtempSync(join(tmpdir(), 'r9s-shot-'));
const harness = await startWebHarness();
try {
  const file = join(dir, 'results.jsonl');
  writeFileSync(
    file,
    fixtureJsonl({
      cases: 4,
      columns: 3,
      repeats: 2,
      output: (i, j, r) => (r === 1 && j === 1 ? `${ANSWERS[i]![j]} ` : ANSWERS[i]![j]!),
    }),
  );
  const context = await harness.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(harness.webUrl);
  await page.getByRole('button', { name: 'Import results', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Results' });
  await dialog.getByLabel('Choose results file').setInputFiles(file);
  await dialog.getByRole('combobox', { name: 'Check kind' }).selectOption('not-contains');
  await dialog.getByRole('textbox', { name: 'Check value' }).fill('Lyon:');
  await dialog.getByRole('button', { name: 'Add check' }).click();
  await dialog.getByRole('button', { name: 'Good' }).first().click();
  await page.screenshot({ path: resolve(import.meta.dirname, '../docs/screenshots/results-grid.png') });
  await context.close();
} finally {
  await harness.close();
  rmSync(dir, { recursive: true, force: true });
}
