import type { Page } from '@playwright/test';
import { fakeTokens } from '../support/fake-tokens';
import { E2E_API_KEY, expect, test, type WebMode } from './fixtures';

/** The Model field is a combobox (with suggestions) or a plain textbox. */
const modelField = (page: Page) =>
  page
    .getByRole('combobox', { name: 'Model' })
    .or(page.getByRole('textbox', { name: 'Model' }))
    .first();

/** The page's own API, with the launch token, to read what the service recorded. */
const latestRun = async (page: Page, web: WebMode) => {
  const res = await page.request.post(`${web.origin}/api/call/listHistory`, {
    headers: { 'x-playground-token': web.token, 'content-type': 'application/json' },
    data: { args: [{}] },
  });
  const body = (await res.json()) as { ok: boolean; value?: { items: { status: string; model: string }[] } };
  return body.value?.items[0];
};

test('type a prompt, run, watch tokens stream, stop mid-stream', async ({ page, web, fake }) => {
  const prompt = 'Tell me about the river';
  await page.getByRole('textbox', { name: 'Prompt' }).fill(prompt);
  await modelField(page).fill('fake-model');
  await page.getByRole('button', { name: 'Run', exact: true }).click();

  const completion = page.getByRole('region', { name: 'Completion' });
  await expect(completion).toContainText(fakeTokens(prompt, 0, 5).join('').trim());
  await expect.poll(() => latestRun(page, web)).toMatchObject({ status: 'done', model: 'fake-model' });
  // The key went to the provider only, never into the page (docs/architecture.md#write-only-key).
  expect(fake.requests.at(-1)?.headers.authorization).toBe(`Bearer ${E2E_API_KEY}`);
  expect(await page.content()).not.toContain(E2E_API_KEY);

  // Stop: fake-slow streams one token every 50 ms for 400 tokens. A new prompt gives text the first run did not show.
  const slowPrompt = 'A very slow story';
  await page.getByRole('textbox', { name: 'Prompt' }).fill(slowPrompt);
  await modelField(page).fill('fake-slow');
  const before = fake.requests.length;
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(completion).toContainText(fakeTokens(slowPrompt, 0, 3).join('').trim());
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  expect(await fake.whenClosed(before)).toEqual({ aborted: true });
  await expect.poll(() => latestRun(page, web)).toMatchObject({ status: 'cancelled', model: 'fake-slow' });

  // The server has closed the stream, so no token can arrive any more: the text stays as it is.
  // Wait until the page has applied the terminal event, then check that nothing more arrives.
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();
  await expect(completion).toContainText('stopped');
  const stopped = await completion.innerText();
  await page.waitForTimeout(300);
  expect(await completion.innerText()).toBe(stopped);
  expect(stopped.length).toBeLessThan(fakeTokens(slowPrompt, 0, 400).join('').length);
});
