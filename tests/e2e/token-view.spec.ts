/**
 * The token inspector end to end in Chromium against the fake server: a run with logprobs shows the token view,
 * focusing a token shows its alternatives, and a server that sends no probabilities is named as such.
 */
import { fakeWordTokens } from '../support/fake-logprobs';
import { fakeTokens } from '../support/fake-tokens';
import { expect, test } from './fixtures';
import { nthBody, runButton, runStatus, setNumber, setup } from './ui-helpers';

test('a run with logprobs shows the token view; focusing a token shows its alternatives', async ({
  page,
  fake,
}) => {
  const prompt = 'Tell me about rivers';
  await setup(page, prompt, 'fake-model');
  await setNumber(page, 'Max tokens', '10');
  await page.getByRole('button', { name: 'Set Logprobs', exact: true }).click();
  await setNumber(page, 'Logprobs', '3');
  await runButton(page).click();
  await expect(runStatus(page)).toHaveText('Done');
  expect((await nthBody(fake, 1))['logprobs']).toBe(3);

  const completion = page.getByRole('region', { name: 'Completion', exact: true });
  const toggle = completion.getByRole('button', { name: 'Token probabilities' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');

  const tokens = completion.getByRole('group', { name: 'Tokens of Completion' });
  const words = fakeTokens(prompt, 0, 10);
  await expect(tokens).toHaveText(words.join(''));
  // One span per token, except an emoji's byte tokens, which are drawn as one character.
  const drawn = words.flatMap((w) => (fakeWordTokens(w).length > 1 ? [fakeWordTokens(w)[0], w.trim()] : [w]));
  await expect(tokens.locator('.tok')).toHaveCount(drawn.length);
  await expect(completion.getByRole('list', { name: 'Probability colours' })).toBeVisible();
  await expect(completion.getByRole('group', { name: 'Sequence figures' })).toContainText('Perplexity');

  // One tab stop: Tab lands on the first token; arrow keys move on.
  await tokens.locator('.tok').first().focus();
  await page.keyboard.press('ArrowRight');
  await expect(tokens.locator('.tok').nth(1)).toBeFocused();
  const details = page.getByRole('dialog', { name: 'Token details' });
  await expect(details).toBeVisible();
  await expect(details).toContainText('Rank');
  await expect(details).toContainText('entropy');
  // The chosen token and two alternatives (logprobs = 3), each with its probability.
  await expect(details.getByRole('row')).toHaveCount(1 + 3);
  await expect(details.getByRole('row').nth(1)).toContainText('%');
  await page.keyboard.press('Escape');
  await expect(details).toBeHidden();

  // Plain text again.
  await toggle.click();
  await expect(tokens).toBeHidden();
  await expect(completion.locator('.choice-text')).toHaveText(words.join(''));
});

test('logprobs set and none in the response: the output says so', async ({ page, fake }) => {
  await setup(page, 'Hi', 'fake-no-logprobs');
  await setNumber(page, 'Max tokens', '4');
  await page.getByRole('button', { name: 'Set Logprobs', exact: true }).click();
  await runButton(page).click();
  await expect(runStatus(page)).toHaveText('Done');
  expect((await nthBody(fake, 1))['logprobs']).toBe(1);
  const completion = page.getByRole('region', { name: 'Completion', exact: true });
  await expect(completion.getByRole('note')).toHaveText(/this server returned no token probabilities/);
  await expect(completion.locator('.choice-text')).toHaveText(fakeTokens('Hi', 0, 4).join(''));
});
