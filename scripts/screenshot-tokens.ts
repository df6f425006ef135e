/**
 * Takes the README screenshot of the token view in web mode (docs/screenshots/web-tokens.png, 1280×800, light): a run
 * with logprobs 5, its output switched to "Token probabilities", one token's details open. Run once after a build:
 * `npx tsx scripts/screenshot-tokens.ts`.
 */
import { resolve } from 'node:path';
import { startWebHarness } from '../bench/web-harness';

const OUT = resolve(import.meta.dirname, '../docs/screenshots/web-tokens.png');

const harness = await startWebHarness();
try {
  const context = await harness.browser.newContext({
    viewport: { width: 1280, height: 800 },
    colorScheme: 'light',
  });
  const page = await context.newPage();
  await page.goto(harness.webUrl);
  await page
    .getByRole('textbox', { name: 'Prompt', exact: true })
    .fill('Describe a quiet morning by the river in two sentences.');
  await page.getByRole('textbox', { name: 'Model', exact: true }).fill('fake-model');
  const set = async (name: string, value: string) => {
    const input = page.getByRole('spinbutton', { name, exact: true });
    await input.fill(value);
    await input.press('Enter');
  };
  await set('Max tokens', '48');
  await page.getByRole('button', { name: 'Set Logprobs', exact: true }).click();
  await set('Logprobs', '5');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const completion = page.getByRole('region', { name: 'Completion', exact: true });
  await completion.getByText(/finish/).waitFor();
  await completion.getByRole('button', { name: 'Token probabilities' }).click();
  const tokens = completion.getByRole('group', { name: 'Tokens of Completion' });
  await tokens.locator('.tok').first().focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await page.getByRole('dialog', { name: 'Token details' }).waitFor();
  await page.screenshot({ path: OUT });
  await context.close();
} finally {
  await harness.close();
}
