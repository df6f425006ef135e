import { E2E_API_KEY, expect, test } from './fixtures';
import { completionBodies, nthBody, runButton, runStatus, setNumber, setup } from './ui-helpers';

test('unset parameters are not sent at all', async ({ page, fake }) => {
  await setup(page, 'Say hi', 'fake-model');
  // A new draft sets temperature and max_tokens; unsetting them leaves only what every request needs.
  await page.getByRole('button', { name: 'Unset Temperature', exact: true }).click();
  await page.getByRole('button', { name: 'Unset Max tokens', exact: true }).click();
  await expect(page.locator('[data-param="temperature"]').getByText('not set')).toBeVisible();
  await runButton(page).click();
  const body = await nthBody(fake, 1);
  expect(Object.keys(body).sort()).toEqual(['model', 'prompt', 'stream']);
  await expect(runStatus(page)).toHaveText('Done');
});

test('every parameter control reaches the request body', async ({ page, fake }) => {
  await setup(page, 'Once upon a time', 'fake-model');

  // Sliders: a typed value commits on Enter; the slider commits on key up after an arrow step.
  await setNumber(page, 'Temperature value', '0.7');
  await page.getByRole('slider', { name: 'Temperature', exact: true }).press('ArrowLeft');
  await page.getByRole('button', { name: 'Set Top P', exact: true }).click();
  const topP = page.getByRole('spinbutton', { name: 'Top P value', exact: true });
  await topP.fill('0.9');
  await topP.blur();
  await setNumber(page, 'Frequency penalty value', '5');
  await expect(page.getByText('5 was clamped to 2 (allowed: -2 to 2).')).toBeVisible();
  await page.getByRole('slider', { name: 'Presence penalty', exact: true }).press('End');

  await setNumber(page, 'Max tokens', '12');
  await setNumber(page, 'N', '2');
  await setNumber(page, 'Best of', '2');
  await setNumber(page, 'Seed', '1234');

  // Stop sequences: Enter adds; Shift+Enter types a newline, drawn as ↵ on its chip.
  const stop = page.getByRole('textbox', { name: 'Stop sequences', exact: true });
  await stop.fill('END');
  await stop.press('Enter');
  await stop.press('Shift+Enter');
  await stop.press('Enter');
  await expect(page.getByRole('button', { name: 'Remove sequence ↵', exact: true })).toBeVisible();

  const bias = page.getByRole('group', { name: 'Logit bias', exact: true });
  await page.getByRole('button', { name: 'Set Logit bias', exact: true }).click();
  await bias.getByRole('textbox', { name: 'Token id 1' }).fill('50256');
  await bias.getByRole('spinbutton', { name: 'Bias 1' }).fill('-100');
  await bias.getByRole('button', { name: 'Add token bias' }).click();
  await bias.getByRole('textbox', { name: 'Token id 2' }).fill('abc');
  await expect(bias.getByRole('alert')).toHaveText('Token id must be a whole number (up to 9 digits).');

  await page.getByRole('switch', { name: 'Echo', exact: true }).check();
  await page.getByRole('textbox', { name: 'User', exact: true }).fill('user-42');

  const extra = page.getByRole('textbox', { name: 'Extra body', exact: true });
  await extra.fill('{"__proto__": {"x": 1}}');
  await expect(
    page.getByText('The key “__proto__” is not allowed (reserved name). Not applied.'),
  ).toBeVisible();
  await extra.fill('{"top_k": 40');
  await expect(page.getByText(/^Not valid JSON/)).toBeVisible();
  await extra.fill('{"top_k": 40}');

  // A bias row that cannot be sent blocks the run, naming the field, rather than going out without it.
  await runButton(page).click();
  await expect(page.getByRole('toolbar', { name: 'Run controls' }).getByRole('alert')).toContainText(
    'Logit bias is not valid, so nothing was sent: row 2: Token id must be a whole number',
  );
  expect(completionBodies(fake)).toEqual([]);
  await bias.getByRole('button', { name: 'Remove token bias 2' }).click();

  await runButton(page).click();
  const body = await nthBody(fake, 1);
  expect(body).toEqual({
    model: 'fake-model',
    prompt: 'Once upon a time',
    // best_of > 1 cannot stream, so the request goes out without streaming (explained under Best of).
    stream: false,
    temperature: 0.69,
    top_p: 0.9,
    frequency_penalty: 2,
    presence_penalty: 2,
    max_tokens: 12,
    n: 2,
    best_of: 2,
    seed: 1234,
    stop: ['END', '\n'],
    logit_bias: { '50256': -100 },
    echo: true,
    user: 'user-42',
    top_k: 40,
  });
  await expect(runStatus(page)).toHaveText('Done');

  // "What was sent": the exact body, the URL, and the Authorization header already redacted.
  await page.getByRole('button', { name: 'What was sent' }).click();
  const dialog = page.getByRole('dialog', { name: 'What was sent' });
  await expect(dialog.getByLabel('Request body')).toContainText('"top_k": 40');
  await expect(dialog).toContainText(`${fake.url}/v1/completions`);
  const headers = dialog.getByRole('table', { name: 'Request headers' });
  await expect(headers.getByRole('row', { name: /authorization/i })).toContainText('[redacted]');
  await expect(dialog).not.toContainText(E2E_API_KEY);
  await expect(dialog.getByRole('table', { name: 'Response headers' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('best of below n, and best of with streaming, are explained inline', async ({ page }) => {
  await setNumber(page, 'N', '3');
  await setNumber(page, 'Best of', '2');
  await expect(page.getByText('Best of (2) must be at least N (3)', { exact: false })).toBeVisible();
  await setNumber(page, 'N', '1');
  await expect(page.getByText('Best of > 1 cannot stream', { exact: false })).toBeVisible();
});
