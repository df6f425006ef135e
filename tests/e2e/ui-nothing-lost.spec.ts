import { fakeTokens } from '../support/fake-tokens';
import { expect, test } from './fixtures';
import { setup } from './ui-helpers';

// Closing the window mid-run keeps the partial output (it reappears in history), and the prompt and
// parameters come back in a new window.
test('a window closed mid-run: its partial output is in history and the draft comes back', async ({
  page,
  web,
  fake,
}) => {
  const prompt = 'A story cut short';
  await setup(page, prompt, 'fake-slow');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const shown = fakeTokens(prompt, 0, 3).join('').trim();
  await expect(page.getByRole('region', { name: 'Completion', exact: true })).toContainText(shown);

  const before = fake.requests.findLastIndex((r) => r.path.endsWith('/completions'));
  await page.close();
  // The dropped page aborts its run: the provider sees the connection close.
  expect(await fake.whenClosed(before)).toEqual({ aborted: true });

  const again = await page.context().newPage();
  await again.goto(web.webUrl);
  await expect(again.getByRole('textbox', { name: 'Prompt', exact: true })).toHaveValue(prompt);
  await expect(again.getByRole('textbox', { name: 'Model', exact: true })).toHaveValue('fake-slow');

  await again.getByRole('button', { name: 'History', exact: true }).click();
  const history = again.getByRole('dialog', { name: 'History', exact: true });
  await history.getByRole('option').filter({ hasText: prompt }).click();
  const details = history.getByRole('article', { name: 'Run details' });
  await expect(details).toContainText(shown);
  await expect(details).toContainText(/cancelled|interrupted/);
});
