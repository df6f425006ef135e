import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';

/** Fails naming the control when it pokes out of the dialog's box (at the 1280 × 800 viewport of every spec). */
async function expectInside(dialog: Locator, controls: Record<string, Locator>): Promise<void> {
  const outer = await dialog.boundingBox();
  if (!outer) throw new Error('the dialog is not shown');
  for (const [what, control] of Object.entries(controls)) {
    const box = await control.boundingBox();
    if (!box) throw new Error(`${what} is not shown`);
    expect(box.x, what).toBeGreaterThanOrEqual(outer.x);
    expect(box.y, what).toBeGreaterThanOrEqual(outer.y);
    expect(box.x + box.width, what).toBeLessThanOrEqual(outer.x + outer.width);
    expect(box.y + box.height, what).toBeLessThanOrEqual(outer.y + outer.height);
  }
  const body = dialog.locator('.modal-body');
  expect(
    await body.evaluate(
      (el: { scrollWidth: number; clientWidth: number }) => el.scrollWidth - el.clientWidth,
    ),
    'sideways overflow',
  ).toBeLessThanOrEqual(0);
}

test('the share-code dialog fits at 1280 × 800 and offers the ?import= link that web mode opens', async ({
  page,
  web,
}) => {
  await page.getByRole('textbox', { name: 'Model', exact: true }).fill('fake-model');
  await page.getByRole('button', { name: 'Copy share code', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Share code' });
  await expectInside(dialog, {
    'the Copy code button': dialog.getByRole('button', { name: 'Copy code', exact: true }),
    'the base URL label': dialog.getByText(/Include the base URL/),
    'the web link copy button': dialog.getByRole('button', { name: 'Copy link for web mode' }),
    'the desktop link copy button': dialog.getByRole('button', { name: 'Copy link for the desktop app' }),
    'the share code': dialog.getByRole('textbox', { name: 'Share code' }),
  });

  const link = await dialog.getByRole('textbox', { name: /Link for web mode/ }).inputValue();
  expect(link.startsWith(`${web.origin}/?import=r9s1.`)).toBe(true);
  const tab = await page.context().newPage();
  await tab.goto(link);
  const preview = tab.getByRole('dialog', { name: 'Import presets' });
  await expect(preview.getByRole('listitem', { name: 'Shared setup' })).toBeVisible();
});

test('the save-preset dialog fits at 1280 × 800', async ({ page }) => {
  await page.getByRole('button', { name: 'Save preset', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Save preset' });
  await expectInside(dialog, {
    'the name': dialog.getByLabel('Preset name'),
    'the description': dialog.getByLabel('Description'),
    'the Save button': dialog.getByRole('button', { name: 'Save', exact: true }),
    'the Cancel button': dialog.getByRole('button', { name: 'Cancel', exact: true }),
  });
});
