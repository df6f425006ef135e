/**
 * Presets, compare, sharing and history end to end, in Chromium through web mode against the fake
 * server. Elements are found by role and accessible name.
 */
import type { Locator, Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fakeTokens } from '../support/fake-tokens';
import { E2E_API_KEY, expect, test } from './fixtures';
import { completionBodies, nthBody, runButton, runStatus, setNumber, setup } from './ui-helpers';

/** A second web mode on its own fresh data directory (the import side of export → import). */
async function startSecondWebMode(baseUrl: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const home = mkdtempSync(join(tmpdir(), 'r9s-e2e-second-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [resolve(import.meta.dirname, '../../out/main/web.js')],
    {
      env: {
        ...process.env,
        R9S_PLAYGROUND_HOME: home,
        R9S_BASE_URL: baseUrl,
        R9S_API_KEY: E2E_API_KEY,
        PORT: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const url = await new Promise<string>((done, fail) => {
    let out = '';
    child.on('exit', (code) => fail(new Error(`second web mode exited (${code})`)));
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      const line = /^r9s Playground web: (\S+)$/m.exec(out);
      if (line?.[1]) done(line[1]);
    });
  });
  child.removeAllListeners('exit');
  return {
    url,
    stop: () =>
      new Promise<void>((done) => {
        child.once('exit', () => {
          rmSync(home, { recursive: true, force: true });
          done();
        });
        child.kill('SIGTERM');
      }),
  };
}

const tempDirs: string[] = [];
test.afterAll(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const dialog = (page: Page, name: string) => page.getByRole('dialog', { name, exact: true });

async function savePreset(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Save preset', exact: true }).click();
  const d = dialog(page, 'Save preset');
  await d.getByLabel('Preset name').fill(name);
  await d.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(d).toBeHidden();
}

async function setTemperature(page: Page, value: string): Promise<void> {
  const input = page.getByRole('spinbutton', { name: 'Temperature value', exact: true });
  await input.fill(value);
  await input.press('Enter');
}

/** Exports every preset; returns the file parsed without its export time, and where it was saved. */
async function exportAll(page: Page): Promise<{ file: unknown; path: string }> {
  await page.getByRole('button', { name: 'Export presets', exact: true }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog(page, 'Export presets').getByRole('button', { name: 'Download preset file' }).click(),
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'r9s-e2e-file-'));
  tempDirs.push(dir);
  const path = join(dir, download.suggestedFilename());
  await download.saveAs(path);
  const file = JSON.parse(readFileSync(path, 'utf8')) as { exportedAt?: string };
  expect(file.exportedAt).toMatch(/^\d{4}-/);
  delete file.exportedAt;
  await page.keyboard.press('Escape');
  return { file, path };
}

const rowsOf = async (table: Locator) => (await table.getByRole('row').allTextContents()).slice(1);

test('save a preset, change a slider: modified marker and parameter diff', async ({ page }) => {
  await setup(page, 'Tell me a story', 'fake-model');
  await setTemperature(page, '0.7');
  await savePreset(page, 'Storyteller');
  await expect(page.getByRole('button', { name: /Modified/ })).toHaveCount(0);

  await page.getByRole('slider', { name: 'Temperature', exact: true }).press('ArrowRight');
  const marker = page.getByRole('button', { name: /Modified/ });
  await expect(marker).toBeVisible();
  await marker.click();
  const diff = page.getByRole('table', { name: 'Changes from the saved preset' });
  expect(await rowsOf(diff)).toEqual(['Temperature (changed)0.70.71']);
  await page.getByRole('button', { name: 'Revert to saved' }).click();
  await expect(page.getByRole('spinbutton', { name: 'Temperature value', exact: true })).toHaveValue('0.7');
  await expect(page.getByRole('button', { name: /Modified/ })).toHaveCount(0);

  // The preset survives a reload (it is stored by the service, not the page).
  await page.reload();
  await page.getByRole('button', { name: 'Presets', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Presets' }).getByRole('listitem')).toHaveText([/Storyteller/]);
});

test('compare three columns at different temperatures against the fake server', async ({ page, fake }) => {
  await setup(page, 'Compare this', 'fake-model');
  await setNumber(page, 'Max tokens', '5');
  for (const [name, t] of [
    ['Cool', '0.2'],
    ['Warm', '0.8'],
    ['Hot', '1.4'],
  ] as const) {
    await setTemperature(page, t);
    await savePreset(page, name);
  }
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  const compare = dialog(page, 'Compare');
  await compare.getByRole('button', { name: 'Add column' }).click();
  for (const [i, name] of ['Cool', 'Warm', 'Hot'].entries()) {
    await compare.getByRole('combobox', { name: `Setup of column ${i + 1}` }).selectOption({ label: name });
  }
  await expect(compare.getByRole('region', { name: 'Column 1' }).getByText('(differs)')).toHaveText(
    ' (differs)',
  );
  await compare.getByRole('textbox', { name: 'Shared prompt' }).press('Control+Shift+Enter');

  const expected = fakeTokens('Compare this', 0, 5).join('');
  for (let n = 1; n <= 3; n++) {
    const column = compare.getByRole('region', { name: `Column ${n}` });
    await expect(column.getByRole('status')).toHaveText('done');
    await expect(column.locator('.compare-text')).toHaveText(expected);
  }
  const bodies = completionBodies(fake);
  expect(bodies.map((b) => b.temperature).sort()).toEqual([0.2, 0.8, 1.4]);
  for (const b of bodies)
    expect(b).toMatchObject({ model: 'fake-model', prompt: 'Compare this', max_tokens: 5 });
  // Ctrl+Shift+Enter ran the compare columns only, not also the editor's Regenerate.
  expect(bodies).toHaveLength(3);
});

test('a sweep over max tokens fills the columns; their word diff is computed in a worker', async ({
  page,
}) => {
  await setup(page, 'Sweep me', 'fake-model');
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  const compare = dialog(page, 'Compare');
  await compare.getByText('Parameter sweep').click();
  await compare.getByRole('combobox', { name: 'Sweep parameter 1' }).selectOption({ label: 'Max tokens' });
  await compare.getByRole('textbox', { name: 'Sweep values 1' }).fill('3, 7');
  await compare.getByRole('button', { name: 'Fill columns' }).click();
  await compare.getByRole('button', { name: 'Run all' }).click();
  for (let n = 1; n <= 2; n++)
    await expect(compare.getByRole('region', { name: `Column ${n}` }).getByRole('status')).toHaveText('done');
  await compare.getByText('Word diff', { exact: true }).click();
  const diff = compare.getByRole('group', { name: 'Differences from column 1 to column 2' });
  // Column 2 is column 1 plus four more tokens: those are the insertion.
  await expect(diff.locator('ins')).toHaveText(fakeTokens('Sweep me', 0, 7).slice(3).join('').trim());
  await expect(diff).toContainText(fakeTokens('Sweep me', 0, 3).join('').trim());
  expect(page.workers().map((w) => w.url())).toEqual([expect.stringMatching(/word-diff/)]);
});

test('export, then import into a fresh data directory, gives the same presets', async ({
  page,
  fake,
  browser,
}) => {
  await setup(page, 'Keep me', 'fake-model');
  await setTemperature(page, '0.3');
  await setNumber(page, 'Seed', '77');
  await savePreset(page, 'Exact');
  await setTemperature(page, '1.1');
  await savePreset(page, 'Loose');
  const exported = await exportAll(page);
  expect(JSON.stringify(exported.file)).not.toContain(E2E_API_KEY);
  expect(exported.path).toMatch(/r9s-presets-.*\.json$/);

  const second = await startSecondWebMode(fake.url);
  const other = await browser.newPage();
  try {
    await other.goto(second.url);
    await other.getByRole('button', { name: 'Import presets', exact: true }).click();
    await dialog(other, 'Import presets').locator('input[type=file]').setInputFiles(exported.path);
    const preview = other.getByRole('list', { name: 'Incoming presets' });
    await expect(preview.getByRole('listitem')).toHaveCount(2);
    await other.getByRole('button', { name: 'Import 2 presets' }).click();
    await expect(dialog(other, 'Import presets')).toBeHidden();
    expect((await exportAll(other)).file).toEqual(exported.file);
  } finally {
    await other.close();
    await second.stop();
  }
});

test('share code round trip, and ?import= in the page URL opens the same preview', async ({
  page,
  web,
  fake,
}) => {
  await setup(page, 'Shared prompt text', 'fake-model');
  await setTemperature(page, '0.45');
  await page.getByRole('button', { name: 'Copy share code', exact: true }).click();
  const share = dialog(page, 'Share code');
  const code = await share.getByRole('textbox', { name: 'Share code' }).inputValue();
  expect(code).toMatch(/^r9s1\.[A-Za-z0-9_-]+$/);
  await page.keyboard.press('Escape');

  await setTemperature(page, '1.9');
  await page.getByRole('button', { name: 'Import presets', exact: true }).click();
  const importing = dialog(page, 'Import presets');
  await importing.getByRole('textbox', { name: /Or paste/ }).fill(code);
  await importing.getByRole('button', { name: 'Preview import' }).click();
  await importing.getByRole('button', { name: 'Import 1 preset' }).click();
  await page.getByRole('button', { name: 'Presets', exact: true }).click();
  await page.getByRole('button', { name: 'Load Shared setup' }).click();
  await expect(page.getByRole('spinbutton', { name: 'Temperature value', exact: true })).toHaveValue('0.45');
  // Not ticked: the prompt stayed out of the code, so loading kept the editor's prompt.
  await expect(page.getByRole('textbox', { name: 'Prompt', exact: true })).toHaveValue('Shared prompt text');

  await page.goto(`${web.webUrl}&import=${encodeURIComponent(code)}`);
  const fromUrl = dialog(page, 'Import presets');
  await expect(fromUrl.getByRole('listitem', { name: 'Shared setup' })).toBeVisible();
  await expect(fromUrl.getByRole('combobox', { name: 'Action for Shared setup' })).toHaveValue('skip');
  expect(fake.requests.filter((r) => r.path.endsWith('/completions'))).toHaveLength(0);
});

test('restore and re-run from history', async ({ page, fake }) => {
  await setup(page, 'Remember this run', 'fake-model');
  await setNumber(page, 'Max tokens', '4');
  await runButton(page).click();
  await expect(runStatus(page)).toHaveText('Done');
  const first = await nthBody(fake, 1);

  await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill('Something new');
  await setNumber(page, 'Max tokens', '6');
  await page.getByRole('button', { name: 'History', exact: true }).click();
  const history = dialog(page, 'History');
  await history.getByRole('option').filter({ hasText: 'Remember this run' }).click();
  const details = history.getByRole('article', { name: 'Run details' });
  await expect(details).toContainText(fakeTokens('Remember this run', 0, 4).join('').trim());
  await details.getByRole('button', { name: 'Re-run exactly' }).click();
  expect(await nthBody(fake, 2)).toEqual(first);
  await expect(page.getByRole('textbox', { name: 'Prompt', exact: true })).toHaveValue('Remember this run');
  await expect(runStatus(page)).toHaveText('Done');

  await setNumber(page, 'Max tokens', '3');
  await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill('Other prompt');
  await page.getByRole('button', { name: 'History', exact: true }).click();
  await history.getByRole('searchbox', { name: 'Search history' }).fill('remember');
  await history.getByRole('option').first().click();
  await details.getByRole('button', { name: 'Re-run with current settings' }).click();
  expect(await nthBody(fake, 3)).toMatchObject({ prompt: 'Remember this run', max_tokens: 3 });
  await expect(runStatus(page)).toHaveText('Done');

  await page.getByRole('button', { name: 'History', exact: true }).click();
  await history.getByRole('option').last().click();
  await details.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByRole('spinbutton', { name: 'Max tokens', exact: true })).toHaveValue('4');
});
