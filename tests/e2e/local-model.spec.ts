/**
 * A local GGUF model served through web mode and driven from Chromium: web mode is started with R9S_LOCAL_MODEL
 * naming the tiny model written at test time (no base URL, no key), the seeded local profile is active, and a run
 * streams into the page from the model worker built beside web.js.
 */
import { test as base } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTinyModelFile } from '../support/gguf/tiny-llama';
import { expect, startWebMode, stopWebMode } from './fixtures';
import { runButton, runStatus, setNumber, setup } from './ui-helpers';

base('a local model runs in web mode with no server and no key', async ({ page }) => {
  base.setTimeout(120_000);
  const model = await createTinyModelFile({ name: 'tiny-e2e-model' });
  const home = mkdtempSync(join(tmpdir(), 'r9s-e2e-local-'));
  const web = await startWebMode({ R9S_PLAYGROUND_HOME: home, R9S_LOCAL_MODEL: model.path, PORT: '0' });
  try {
    await page.goto(web.webUrl);
    await setup(page, 'Once upon a time', 'tiny-e2e-model');
    await setNumber(page, 'Max tokens', '8');
    await runButton(page).click();
    await expect(runStatus(page)).toHaveText('Done', { timeout: 90_000 });
    const completion = page.getByRole('region', { name: 'Completion', exact: true });
    await expect(completion.locator('.choice-text')).not.toHaveText('');
  } finally {
    await stopWebMode(web.child);
    rmSync(home, { recursive: true, force: true });
    await model.remove();
  }
});

base(
  'Settings checks the engine, Load model loads the model, and the run then starts at once',
  async ({ page }) => {
    base.setTimeout(120_000);
    const model = await createTinyModelFile({ name: 'tiny-e2e-load' });
    const home = mkdtempSync(join(tmpdir(), 'r9s-e2e-local-load-'));
    const web = await startWebMode({ R9S_PLAYGROUND_HOME: home, R9S_LOCAL_MODEL: model.path, PORT: '0' });
    try {
      await page.goto(web.webUrl);
      await setup(page, 'Once upon a time', 'tiny-e2e-load');
      await page.getByRole('textbox', { name: 'Prompt', exact: true }).focus();
      await page.keyboard.press('Control+,');
      const settings = page.getByRole('dialog', { name: 'Settings' });
      // The seeded local profile is active, so its editor is open: the engine check ends in "ready" here.
      await expect(settings.getByText(/^llama\.cpp is ready \(/)).toBeVisible({ timeout: 60_000 });
      await expect(settings.getByText(/^Not loaded: it loads on the first run/)).toBeVisible();
      // Web mode has no file picker: the path is typed.
      await expect(settings.getByRole('button', { name: 'Choose…' })).toHaveCount(0);
      await settings.getByRole('button', { name: 'Load model' }).click();
      await expect(settings.getByText('Model loaded: runs start at once.')).toBeVisible({ timeout: 60_000 });
      await page.keyboard.press('Escape');
      await setNumber(page, 'Max tokens', '4');
      await runButton(page).click();
      await expect(runStatus(page)).toHaveText('Done', { timeout: 60_000 });
      await expect(page.getByRole('progressbar', { name: 'Loading the model' })).toHaveCount(0);
      const completion = page.getByRole('region', { name: 'Completion', exact: true });
      await expect(completion.locator('.choice-text')).not.toHaveText('');
    } finally {
      await stopWebMode(web.child);
      rmSync(home, { recursive: true, force: true });
      await model.remove();
    }
  },
);
