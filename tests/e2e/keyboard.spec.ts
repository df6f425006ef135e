import { expect, test } from './fixtures';

test('keyboard: one Tab and Enter reach the prompt, and ? lists the shortcuts', async ({ page }) => {
  const prompt = page.getByRole('textbox', { name: 'Prompt', exact: true });
  await expect(prompt).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the prompt' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(prompt).toBeFocused();
  await expect(page).toHaveURL(/\/$/);

  // Typed in the prompt, ? is a character; elsewhere it opens the list.
  await page.keyboard.type('Why?');
  await expect(prompt).toHaveValue('Why?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Run', exact: true }).focus();
  await page.keyboard.press('Shift+Slash');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog.getByRole('rowheader', { name: 'Ctrl+Enter', exact: true })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await expect(dialog).toBeVisible();
});
