/**
 * A first start with no key and a base URL that fails: the output area says what to do, and its buttons open
 * Settings at the field that fixes it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, startWebMode, stopWebMode, test } from './fixtures';

test('no key and an unreachable base URL: the welcome panel says so and opens Settings at the key', async ({
  page,
}) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'r9s-e2e-first-run-'));
  // Port 9 on loopback refuses connections: the model list fails at once, as a wrong base URL does.
  const web = await startWebMode({
    R9S_PLAYGROUND_HOME: dataDir,
    R9S_BASE_URL: 'http://127.0.0.1:9',
    R9S_API_KEY: '',
    PORT: '0',
  });
  try {
    await page.goto(web.webUrl);
    const panel = page.getByRole('region', { name: 'Getting started' });
    await expect(panel).toContainText('No API key is set for');
    await expect(panel).toContainText('The model list could not be loaded from');
    await expect(panel).toContainText('R9S_API_KEY');
    await expect(panel).toContainText('R9S_BASE_URL');
    await expect(page.locator('.model-status')).toContainText('Model list unavailable');

    await panel.getByRole('button', { name: 'Enter an r9s API key' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await expect(settings.getByLabel('API key', { exact: true })).toBeFocused();
    await settings.getByLabel('API key', { exact: true }).fill('sk-first-run-abcd');
    await settings.getByRole('button', { name: 'Save key' }).click();
    await expect(settings).toContainText('Key ending in …abcd, kept for this session only');
    await page.keyboard.press('Escape');
    // The key is set; the server is still unreachable, which the panel keeps saying.
    await expect(panel).not.toContainText('No API key is set');
    await expect(panel).toContainText('The model list could not be loaded from');

    await panel.getByRole('button', { name: 'Use another server' }).click();
    await expect(settings.getByRole('textbox', { name: 'Base URL' })).toBeFocused();
  } finally {
    await stopWebMode(web.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
