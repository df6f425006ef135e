import { E2E_API_KEY, expect, startWebMode, stopWebMode, test } from './fixtures';
import { runButton, runStatus, setup } from './ui-helpers';

const NOT_CONNECTED =
  /This page is not connected to a running r9s Playground — open the address npm run web printed/;

test('web mode stays connected across reloads and new tabs, and says so once its server is gone', async ({
  page,
  context,
  web,
  fake,
  dataDir,
}) => {
  // The printed address leaves no token in the address bar.
  await expect(page).toHaveURL(`${web.origin}/`);
  const prompt = page.getByRole('textbox', { name: 'Prompt', exact: true });
  await setup(page, 'Kept across reloads', 'fake-model');
  const savedPrompt = async () => {
    const res = await page.request.post(`${web.origin}/api/call/getDraft`, {
      headers: { 'x-playground-token': web.token, 'content-type': 'application/json' },
      data: { args: [] },
    });
    return ((await res.json()) as { value?: { params?: { prompt?: string } } }).value?.params?.prompt;
  };
  await expect.poll(savedPrompt).toBe('Kept across reloads');

  await page.reload();
  await expect(prompt).toHaveValue('Kept across reloads');
  await expect(page.getByRole('textbox', { name: 'Model', exact: true })).toHaveValue('fake-model');

  // A second tab opened at `/` (a bookmark) works too: settings, draft and runs.
  const second = await context.newPage();
  await second.goto(`${web.origin}/`);
  await expect(second.getByRole('textbox', { name: 'Prompt', exact: true })).toHaveValue(
    'Kept across reloads',
  );
  await runButton(second).click();
  await expect(runStatus(second)).toHaveText('Done');
  await expect(second.getByText(NOT_CONNECTED)).toHaveCount(0);
  await second.close();

  // The server restarts on the same port with a new token: the old tab's cookie is stale.
  const port = new URL(web.origin).port;
  await stopWebMode(web.child);
  const again = await startWebMode({
    R9S_PLAYGROUND_HOME: dataDir,
    R9S_BASE_URL: fake.url,
    R9S_API_KEY: E2E_API_KEY,
    PORT: port,
  });
  try {
    // The page notices on its next call (the team folder's poll, or any action) that its server is gone.
    const message = page.getByRole('heading', { name: NOT_CONNECTED });
    await expect(message).toBeVisible();
    // One page instead of the app, keeping the prompt the page held so it can be copied.
    await expect(page.getByRole('textbox', { name: 'Prompt', exact: true })).toHaveCount(0);
    await expect(page.getByRole('textbox', { name: /The prompt in this page/ })).toHaveValue(
      'Kept across reloads',
    );
    await page.reload();
    await expect(message).toBeVisible();
    await expect(page.getByText(/API key/)).toHaveCount(0);

    // The new printed address connects the page again, with what was saved.
    await page.goto(again.webUrl);
    await expect(page).toHaveURL(`${web.origin}/`);
    await expect(prompt).toHaveValue('Kept across reloads');
  } finally {
    await stopWebMode(again.child);
  }
});
