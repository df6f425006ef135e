import { fakeTokens } from '../support/fake-tokens';
import { expect, test } from './fixtures';
import { nthBody, runButton, runStatus, setNumber, setup } from './ui-helpers';

test('n = 3 shows three labelled regions, each with its own choice', async ({ page }) => {
  const prompt = 'Three ways to say hello';
  await setup(page, prompt, 'fake-model');
  await setNumber(page, 'Max tokens', '6');
  await setNumber(page, 'N', '3');
  await runButton(page).click();
  for (let i = 0; i < 3; i++) {
    const region = page.getByRole('region', { name: `Completion ${i + 1}`, exact: true });
    await expect(region.locator('.choice-text')).toHaveText(fakeTokens(prompt, i, 6).join(''));
    await expect(region).toContainText('finish: length');
  }
  await expect(page.getByRole('region', { name: 'Completion', exact: true })).toHaveCount(0);
  await expect(
    page.getByRole('list', { name: 'Run metrics' }).or(page.getByLabel('Run metrics')),
  ).toContainText('Total');
});

test('keyboard: Ctrl+Enter runs, Esc stops, Ctrl+Shift+Enter regenerates the same request', async ({
  page,
  fake,
}) => {
  const prompt = 'A slow story';
  await setup(page, prompt, 'fake-slow');
  await page.getByRole('textbox', { name: 'Prompt', exact: true }).press('Control+Enter');
  const completion = page.getByRole('region', { name: 'Completion', exact: true });
  await expect(completion).toContainText(fakeTokens(prompt, 0, 2).join('').trim());
  await expect(page.getByRole('timer', { name: 'Elapsed time' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(runStatus(page)).toHaveText('Stopped');
  await expect(completion).toContainText('incomplete (stopped)');
  expect(await fake.whenClosed(fake.requests.length - 1)).toEqual({ aborted: true });

  // Regenerate repeats the last run's request even after the editor changed.
  const first = await nthBody(fake, 1);
  await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill('Something else');
  await page.keyboard.press('Control+Shift+Enter');
  const second = await nthBody(fake, 2);
  expect(second).toEqual(first);
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(runStatus(page)).toHaveText('Stopped');
});

test('a rate-limited request shows the retry banner, then succeeds', async ({ page }) => {
  await setup(page, 'Retry me', 'fake-rate-limit-once');
  await setNumber(page, 'Max tokens', '4');
  await runButton(page).click();
  await expect(page.getByText(/^Rate limited — retrying in \d+ s \(attempt \d+ of \d+\)$/)).toBeVisible();
  await expect(runStatus(page)).toHaveText('Done');
  await expect(page.getByRole('region', { name: 'Completion', exact: true })).toContainText(
    fakeTokens('Retry me', 0, 4).join('').trim(),
  );
});

test('Cancel in the retry banner ends the run', async ({ page }) => {
  await setup(page, 'Retry me', 'fake-rate-limit-once');
  await runButton(page).click();
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(runStatus(page)).toHaveText('Stopped');
});

test('401: the error panel names the kind, status, server message and says to check the key', async ({
  page,
}) => {
  await setup(page, 'Hi', 'fake-status-401');
  await runButton(page).click();
  const panel = page.getByRole('alert', { name: 'Run error' });
  await expect(panel).toContainText('Incorrect API key provided.');
  await expect(panel).toContainText('authentication');
  await expect(panel).toContainText('401');
  await expect(panel).toContainText('invalid_api_key');
  await expect(panel).toContainText('Check the API key for this profile');
});

test('500 "Unsupported param" says which parameter to unset', async ({ page }) => {
  await setup(page, 'Hi', 'fake-status-500');
  await runButton(page).click();
  const panel = page.getByRole('alert', { name: 'Run error' });
  await expect(panel).toContainText('Unsupported param: best_of');
  await expect(panel).toContainText('press Unset on Best of');
});

test('a dropped stream keeps its partial output, marked incomplete', async ({ page }) => {
  const prompt = 'Drop me';
  await setup(page, prompt, 'fake-drop');
  await runButton(page).click();
  const panel = page.getByRole('alert', { name: 'Run error' });
  await expect(panel).toContainText('partial output kept below');
  const completion = page.getByRole('region', { name: 'Completion', exact: true });
  await expect(completion).toContainText('incomplete (failed)');
  await expect(completion.locator('.choice-text')).toContainText(fakeTokens(prompt, 0, 2).join('').trim());
});

test('echo: the echoed prompt is drawn apart from the completion, and append-to-prompt is undoable', async ({
  page,
}) => {
  const prompt = 'Echo this';
  await setup(page, prompt, 'fake-model');
  await setNumber(page, 'Max tokens', '3');
  await page.getByRole('switch', { name: 'Echo', exact: true }).check();
  await runButton(page).click();
  const completion = page.getByRole('region', { name: 'Completion', exact: true });
  await expect(completion).toContainText('finish:');
  await expect(completion.getByTitle('Echoed prompt')).toHaveText(prompt);

  const generated = fakeTokens(prompt, 0, 3).join('');
  await page.getByRole('button', { name: 'Append Completion to prompt' }).click();
  const editor = page.getByRole('textbox', { name: 'Prompt', exact: true });
  await expect(editor).toHaveValue(prompt + generated);
  await page.keyboard.press('Control+z');
  await expect(editor).toHaveValue(prompt);
});
