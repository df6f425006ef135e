/**
 * The token inspector's actions end to end against the fake server: "Continue with ‹token›" sends the branch
 * prompt (checked in the body the server received) and Back returns to the run before; "Score prompt" sends echo +
 * logprobs + max_tokens 0 and shows the prompt's perplexity. Expectations are derived from the fake's own token and
 * logprob functions.
 */
import { sequenceFigures } from '../../shared/token-logprobs';
import { fakePromptTokens, fakeWordTokens, legacyLogprobs } from '../support/fake-logprobs';
import { fakeTokens } from '../support/fake-tokens';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeServer } from '../support/fake-openai-server';
import { E2E_API_KEY, expect, startWebMode, stopWebMode, test } from './fixtures';
import { completionBodies, nthBody, runButton, runStatus, setNumber, setup } from './ui-helpers';

/** A fake token's bytes: OpenAI's `bytes:\xNN…` form for a piece of a character, else its UTF-8. */
const bytesOf = (token: string): number[] =>
  token.startsWith('bytes:')
    ? (token.slice(6).match(/\\x([0-9a-f]{2})/g) ?? []).map((h) => parseInt(h.slice(2), 16))
    : [...Buffer.from(token, 'utf8')];

/** The most likely alternative the fake offers at a token other than the token itself. */
const firstAlternative = (token: string, top: number): string => {
  const entries = Object.entries(legacyLogprobs([token], top).top_logprobs[0] ?? {});
  const [best] = entries.filter(([t]) => t !== token).sort((a, b) => b[1] - a[1]);
  if (!best) throw new Error(`no alternative for ${token}`);
  return best[0];
};

test('Continue with ‹token› sends prompt + output so far + the alternative, and Back returns', async ({
  page,
  fake,
}) => {
  const prompt = 'Tell me about the sea';
  await setup(page, prompt, 'fake-model');
  await setNumber(page, 'Max tokens', '6');
  await page.getByRole('button', { name: 'Set Logprobs' }).click();
  await setNumber(page, 'Logprobs', '3');
  await runButton(page).click();
  await expect(runStatus(page)).toHaveText('Done');
  const parentText = fakeTokens(prompt, 0, 6).join('');
  const completion = page.getByRole('region', { name: 'Completion', exact: true });
  await completion.getByRole('button', { name: 'Token probabilities' }).click();
  const tokens = completion.getByRole('group', { name: 'Tokens of Completion' });
  await tokens.locator('.tok').first().focus();

  // Move to a single-token position past the first, and read which it is from the details.
  const details = page.getByRole('dialog', { name: 'Token details' });
  let position = 1;
  let presses = 0;
  for (; presses < 6 && position < 3; presses++) {
    await page.keyboard.press('ArrowRight');
    const text = (await details.locator('.tok-meta').first().textContent()) ?? '';
    position = Number(/^Position (\d+)$/.exec(text)?.[1] ?? 0);
  }
  expect(position).toBeGreaterThanOrEqual(3);

  const all = fakeTokens(prompt, 0, 6).flatMap(fakeWordTokens);
  const index = position - 1;
  const chosen = all[index] ?? '';
  const alternative = firstAlternative(chosen, 3);
  await details
    .getByRole('button', { name: /^Continue with / })
    .first()
    .click();

  const before = Buffer.from(all.slice(0, index).flatMap(bytesOf)).toString('utf8');
  const body = await nthBody(fake, 2);
  expect(body['prompt']).toBe(prompt + before + alternative);
  await expect(page.getByRole('textbox', { name: 'Prompt', exact: true })).toHaveValue(
    prompt + before + alternative,
  );
  await expect(runStatus(page)).toHaveText('Done');

  await page.getByRole('button', { name: `Back to ${position}-token branch` }).click();
  await expect(page.getByRole('textbox', { name: 'Prompt', exact: true })).toHaveValue(prompt);
  // The parent's output is shown again, without a new request.
  await expect(completion.getByRole('group', { name: 'Tokens of Completion' })).toHaveText(parentText);
  expect(fake.requests.filter((r) => r.path.endsWith('/completions'))).toHaveLength(2);
  await expect(page.getByRole('button', { name: /^Back to / })).toHaveCount(0);

  // Again, and this time Ctrl+Z in the prompt (the browser's own undo) goes back.
  await tokens.locator('.tok').first().focus();
  for (let i = 0; i < presses; i++) await page.keyboard.press('ArrowRight');
  await details
    .getByRole('button', { name: /^Continue with / })
    .first()
    .click();
  await expect(runStatus(page)).toHaveText('Done');
  expect((await nthBody(fake, 3))['prompt']).toBe(prompt + before + alternative);
  const editor = page.getByRole('textbox', { name: 'Prompt', exact: true });
  await editor.focus();
  await page.keyboard.press('Control+z');
  await expect(editor).toHaveValue(prompt);
  await expect(page.getByRole('button', { name: /^Back to / })).toHaveCount(0);
  await expect(completion.getByRole('group', { name: 'Tokens of Completion' })).toHaveText(parentText);
});

test('Score prompt sends echo + logprobs + max_tokens 0 and shows the perplexity', async ({ page, fake }) => {
  const prompt = 'The cat sat on the warm mat';
  await setup(page, prompt, 'fake-model');
  await page.getByRole('button', { name: 'Score prompt' }).click();
  const body = await nthBody(fake, 1);
  expect(body).toMatchObject({ prompt, echo: true, max_tokens: 0 });
  expect(body['logprobs']).toBeGreaterThanOrEqual(1);

  const echoed = legacyLogprobs(fakePromptTokens(prompt), 1, true).token_logprobs;
  const figures = sequenceFigures(echoed.map((logprob) => ({ logprob })));
  await expect(page.locator('.prompt-perplexity')).toHaveText(`Perplexity ${figures?.perplexity.toFixed(2)}`);
  const panel = page.getByRole('region', { name: 'Prompt score' });
  await expect(panel.getByRole('group', { name: 'Tokens of the prompt' })).toHaveText(prompt);
});

test("Score prompt against llama.cpp's server says plainly that it refuses echo", async ({ page }) => {
  const llama = await startFakeServer({ flavour: 'llama.cpp' });
  const dataDir = mkdtempSync(join(tmpdir(), 'r9s-e2e-score-'));
  const web = await startWebMode({
    R9S_PLAYGROUND_HOME: dataDir,
    R9S_BASE_URL: llama.url,
    R9S_API_KEY: E2E_API_KEY,
    PORT: '0',
  });
  try {
    await page.goto(web.webUrl);
    await setup(page, 'Score me', 'fake-model');
    await page.getByRole('button', { name: 'Score prompt' }).click();
    await expect(page.getByRole('alert')).toContainText(
      "This server refused echo (HTTP 500 'Unsupported param: echo')",
    );
    await expect(page.getByRole('alert')).toContainText('llama.cpp');
    // The refusal names echo, so max_tokens 1 is not tried: it would be refused the same way.
    expect(completionBodies(llama).map((b) => [b['echo'], b['max_tokens']])).toEqual([[true, 0]]);
    await expect(page.locator('.prompt-perplexity')).toHaveCount(0);
  } finally {
    await stopWebMode(web.child);
    await llama.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
