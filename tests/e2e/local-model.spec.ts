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
