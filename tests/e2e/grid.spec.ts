import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeTokens } from '../support/fake-tokens';
import { expect, test } from './fixtures';
import { openReportOffline } from './report-reader';
import { completionBodies, runButton, setNumber, setup } from './ui-helpers';

test('variables → 3 test cases × 2 Compare columns → Run grid sends 6 filled prompts → Results → Repeat → Only differences → report read offline', async ({
  page,
  fake,
  browser,
}) => {
  await setup(page, 'Tell me about {{topic}}.', 'fake-model');
  await setNumber(page, 'Max tokens', '4');
  const variables = page.getByRole('form', { name: 'Variables', exact: true });
  await expect(variables).toBeVisible();
  await runButton(page).click();
  await expect(page.getByRole('alert')).toContainText('Fill in the variable "topic"');
  expect(completionBodies(fake)).toHaveLength(0);
  await variables.getByRole('textbox').fill('owls');
  await runButton(page).click();
  await expect.poll(() => completionBodies(fake).map((b) => b['prompt'])).toEqual(['Tell me about owls.']);

  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  const compare = page.getByRole('dialog', { name: 'Compare', exact: true });
  await compare.getByText('Paste cases').click();
  await compare
    .getByRole('textbox', { name: /CSV, TSV or JSONL/ })
    .fill('topic,expected\ntides,moon\n"bees, wasps",\nengines,');
  await compare.getByRole('button', { name: 'Add pasted cases' }).click();
  const cases = compare.getByRole('table', { name: 'Test cases', exact: true });
  await expect(cases.getByRole('row')).toHaveCount(4);

  await compare.getByRole('button', { name: 'Run grid', exact: true }).click();
  const gridPrompts = () =>
    completionBodies(fake)
      .slice(1)
      .map((b) => String(b['prompt']));
  await expect.poll(() => gridPrompts().length).toBe(6);
  const topics = ['tides', 'bees, wasps', 'engines'];
  const expected = topics.flatMap((t) => [`Tell me about ${t}.`, `Tell me about ${t}.`]);
  expect(gridPrompts().sort()).toEqual(expected.sort());

  const results = compare.getByRole('grid', { name: 'Results', exact: true });
  await expect(results.getByRole('row')).toHaveCount(4);
  for (const t of topics)
    await expect(results).toContainText(fakeTokens(`Tell me about ${t}.`, 0, 4).join(''));
  await expect(compare.getByRole('button', { name: 'Stop grid', exact: true })).toHaveCount(0);
  // Nothing more than the six cells was sent.
  expect(gridPrompts()).toHaveLength(6);

  // Repeat row ×3: the row's two cells run three more times each, and each shows how many outputs were distinct.
  await compare.getByRole('spinbutton', { name: /Repeat times/ }).fill('3');
  await results.getByRole('button', { name: 'Repeat', exact: true }).first().click();
  await expect.poll(() => gridPrompts().length).toBe(12);
  expect(gridPrompts().slice(6)).toEqual(Array.from({ length: 6 }, () => 'Tell me about tides.'));
  await expect(results.getByText('1/4 distinct')).toHaveCount(2);

  // Both columns are the same setup, so no row differs: the filter hides them all, and brings them back.
  const onlyDiff = compare.getByRole('checkbox', { name: 'Only differences' });
  await onlyDiff.check();
  await expect(results.getByRole('rowheader')).toHaveCount(0);
  await onlyDiff.uncheck();
  await expect(results.getByRole('rowheader')).toHaveCount(3);

  // The report, saved and read in a second context with no network and no JavaScript, holds every output.
  const dir = mkdtempSync(join(tmpdir(), 'r9s-e2e-grid-'));
  try {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      compare.getByRole('button', { name: 'Save report', exact: true }).click(),
    ]);
    const reportPath = join(dir, download.suggestedFilename());
    await download.saveAs(reportPath);
    const report = await openReportOffline(browser, reportPath);
    const second = report.page;
    for (const t of topics)
      await expect(second.getByText(fakeTokens(`Tell me about ${t}.`, 0, 4).join('')).first()).toBeVisible();
    expect(report.refused).toEqual([]);
    await report.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
