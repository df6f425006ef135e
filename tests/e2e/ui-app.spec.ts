import { expect, test } from './fixtures';
import { setNumber } from './ui-helpers';

test('the draft is saved and restored after a reload', async ({ page, web }) => {
  await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill('Keep me across reloads');
  await page.getByRole('textbox', { name: 'Model', exact: true }).fill('fake-slow');
  await setNumber(page, 'Temperature value', '0.3');
  await page.getByRole('button', { name: 'Unset Max tokens', exact: true }).click();
  await page.getByRole('textbox', { name: 'Stop sequences', exact: true }).fill('###');
  await page.getByRole('textbox', { name: 'Stop sequences', exact: true }).press('Enter');

  // Saved within a second of the change: read it back the way the page does.
  const saved = async () => {
    const res = await page.request.post(`${web.origin}/api/call/getDraft`, {
      headers: { 'x-playground-token': web.token, 'content-type': 'application/json' },
      data: { args: [] },
    });
    const body = (await res.json()) as { value?: { params?: Record<string, unknown> } };
    return body.value?.params;
  };
  await expect
    .poll(saved)
    .toMatchObject({ prompt: 'Keep me across reloads', temperature: 0.3, stop: ['###'] });

  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Prompt', exact: true })).toHaveValue(
    'Keep me across reloads',
  );
  await expect(page.getByRole('textbox', { name: 'Model', exact: true })).toHaveValue('fake-slow');
  await expect(page.getByRole('spinbutton', { name: 'Temperature value', exact: true })).toHaveValue('0.3');
  await expect(page.getByRole('spinbutton', { name: 'Max tokens', exact: true })).toHaveValue('');
  await expect(page.getByRole('button', { name: 'Remove sequence ###', exact: true })).toBeVisible();
});

test('the theme toggle switches and is remembered', async ({ page }) => {
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'light');
  const toggle = page.getByRole('button', { name: 'Dark theme', exact: true });
  await toggle.click();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('the model list comes from /v1/models and is keyboard-driven', async ({ page }) => {
  const model = page.getByRole('textbox', { name: 'Model', exact: true });
  await model.fill('fake-sl');
  await model.press('ArrowDown');
  const list = page.getByRole('listbox', { name: 'Models' });
  await expect(list.getByRole('option', { name: 'fake-slow' })).toBeVisible();
  await model.press('Enter');
  await expect(model).toHaveValue('fake-slow');
  await expect(list).toBeHidden();
});

test('settings: Ctrl+, opens profiles and key entry; a web-mode key is for this session only', async ({
  page,
}) => {
  await page.getByRole('textbox', { name: 'Prompt', exact: true }).focus();
  await page.keyboard.press('Control+,');
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog.getByRole('textbox', { name: 'Base URL' })).toBeVisible();
  await expect(dialog).toContainText('environment');

  await dialog.getByLabel('API key', { exact: true }).fill('sk-new-session-key-abcd');
  await dialog.getByRole('button', { name: 'Save key' }).click();
  await expect(dialog).toContainText('…abcd');
  await expect(dialog).toContainText('this session only');
  await expect(dialog.getByLabel('API key', { exact: true })).toHaveValue('');

  await dialog.getByRole('button', { name: 'New profile' }).click();
  await dialog.getByRole('textbox', { name: 'Profile name' }).fill('Local llama');
  await dialog.getByRole('textbox', { name: 'Base URL' }).fill('http://127.0.0.1:8080/v1');
  await dialog.getByRole('button', { name: 'Add profile' }).click();
  await expect(dialog.getByRole('button', { name: /Local llama/ })).toBeVisible();

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('combobox', { name: 'Profile' })).toBeVisible();
});

test('panes resize from the keyboard', async ({ page }) => {
  const splitter = page.getByRole('separator', { name: 'Resize parameter panel' });
  const before = Number(await splitter.getAttribute('aria-valuenow'));
  await splitter.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(splitter).toHaveAttribute('aria-valuenow', String(before + 16));
});

test('the output fills the editor column below the prompt, with or without prompt variables', async ({
  page,
}) => {
  const prompt = page.getByRole('textbox', { name: 'Prompt', exact: true });
  const bottomOf = async (selector: string) => {
    const box = await page.locator(selector).boundingBox();
    return (box?.y ?? NaN) + (box?.height ?? NaN);
  };
  // What is left below the output: the column's own padding only (the parameter panel beside it ends there too).
  const gapBelowOutput = async () => (await bottomOf('.editor-column')) - (await bottomOf('.output-panel'));
  await prompt.fill('No variables here');
  const padding = await gapBelowOutput();
  expect(padding).toBeLessThan(20);
  await prompt.fill('Tell {{who}} a story');
  await expect(page.getByRole('form', { name: 'Variables' })).toBeVisible();
  expect(await gapBelowOutput()).toBeCloseTo(padding, 0);
  // The prompt/output splitter trades height between the two: the output still reaches the bottom.
  const outputHeight = async () => (await page.locator('.output-panel').boundingBox())?.height ?? NaN;
  const before = await outputHeight();
  await page.getByRole('separator', { name: 'Resize prompt and output' }).focus();
  await page.keyboard.press('ArrowDown');
  await expect.poll(outputHeight).toBeLessThan(before);
  expect(await gapBelowOutput()).toBeCloseTo(padding, 0);
});
