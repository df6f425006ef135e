/**
 * Results in Chromium through web mode: a results file imported into the Results grid, "Only differences", then
 * "Save report", and the saved report opened in a second context with JavaScript off and every request refused —
 * the outputs are there all the same. Then a cell's setup restored into the editor.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureJsonl } from '../support/results-fixture';
import { expect, test } from './fixtures';
import { openReportOffline } from './report-reader';

const dirs: string[] = [];
test.afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** 6 cases × 3 setups: cases 2 and 5 answer differently per setup; the others the same everywhere. */
const outputOf = (i: number, j: number) =>
  i === 1 || i === 4 ? `Answer ${i + 1} from setup ${j + 1} </script><b>bold</b>` : `Shared answer ${i + 1}`;

test('import results → Results grid → Only differences → Save report, opened offline with no script', async ({
  page,
  browser,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'r9s-e2e-results-'));
  dirs.push(dir);
  const file = join(dir, 'results.jsonl');
  writeFileSync(file, fixtureJsonl({ cases: 6, columns: 3, output: outputOf }));

  await page.getByRole('button', { name: 'Import results', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Results' });
  await dialog.getByLabel('Choose results file').setInputFiles(file);
  const grid = dialog.getByRole('grid', { name: 'Results' });
  await expect(grid.getByRole('rowheader')).toHaveCount(6);
  await expect(grid.getByText('Answer 2 from setup 3 </script><b>bold</b>')).toBeVisible();

  await dialog.getByRole('checkbox', { name: 'Only differences' }).check();
  await expect(grid.getByRole('rowheader')).toHaveCount(2);
  await expect(dialog.getByText('2 of 6 rows')).toBeVisible();
  await grid
    .getByRole('row')
    .nth(1)
    .getByRole('gridcell')
    .first()
    .getByRole('button', { name: 'Good' })
    .click();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Save report', exact: true }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^r9s-report-.*\.html$/);
  const reportPath = join(dir, download.suggestedFilename());
  await download.saveAs(reportPath);

  // A reader with no network and no JavaScript: every request but the file itself is refused and counted.
  const report = await openReportOffline(browser, reportPath);
  const second = report.page;
  await expect(second.getByRole('heading', { name: 'r9s Playground results', level: 1 })).toBeVisible();
  for (let i = 0; i < 6; i++) {
    for (let j = 0; j < 3; j++) {
      await expect(second.getByText(outputOf(i, j), { exact: true }).first()).toBeVisible();
    }
  }
  await expect(second.getByText('Rated 👍 good')).toHaveCount(1);
  expect(await second.locator('script, img, link').count()).toBe(0);
  expect(report.refused).toEqual([]);
  await report.close();

  // Any cell's exact setup goes back into the editor.
  await grid
    .getByRole('row')
    .nth(2)
    .getByRole('gridcell')
    .nth(2)
    .getByRole('button', { name: 'Use this setup' })
    .click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('textbox', { name: 'Prompt', exact: true })).toHaveValue(
    'Write about topic 5.',
  );
  await expect(page.getByRole('textbox', { name: 'Model', exact: true })).toHaveValue('model-3');
});

test('a bad results file is refused with the line named', async ({ page }) => {
  await page.getByRole('button', { name: 'Import results', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Results' });
  const lines = fixtureJsonl({ cases: 2, columns: 1, output: () => 'x' }).split('\n');
  await dialog
    .getByRole('textbox', { name: 'Or paste results lines' })
    .fill(`${lines[0]}\n{"format":"nope"}\n`);
  await dialog.getByRole('button', { name: 'Open results' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(
    'Not a results file: line 2: format: expected "r9s-playground/result" (not a results line)',
  );
  await expect(dialog.getByRole('grid')).toHaveCount(0);
});
