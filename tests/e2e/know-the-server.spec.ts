/**
 * Know the server, end to end in Chromium against the flavoured fake server: the automatic check of a loopback
 * server (bounded), the parameter badges with their reasons, the pre-run question for a known rejection (fixed,
 * remembered, and the error of a run sent anyway pointing at the parameter), token counts labelled exact with a
 * tokenize endpoint and estimated without one, and the cost before and after a run from the price table.
 */
import type { Page } from '@playwright/test';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { MAX_CHECK_REQUESTS, MAX_CHECK_TOKENS } from '../../shared/capability-plan';
import { startFakeServer, type FakeServer } from '../support/fake-openai-server';
import type { FlavourName } from '../support/fake-flavours';
import { E2E_API_KEY, expect, startWebMode, stopWebMode, test as base, type WebMode } from './fixtures';
import { completionBodies, runButton, runStatus, setNumber, setup } from './ui-helpers';

/** The fixture with a flavoured fake server and web mode's automatic check left on (the server is on loopback). */
const flavoured = (flavour: FlavourName) =>
  base.extend<{ fake: FakeServer; web: WebMode }>({
    // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture dependencies from this pattern
    fake: async ({}, use) => {
      const fake = await startFakeServer({ flavour });
      await use(fake);
      await fake.close();
    },
    web: async ({ fake, dataDir }, use) => {
      const web = await startWebMode({
        R9S_PLAYGROUND_HOME: dataDir,
        R9S_BASE_URL: fake.url,
        R9S_API_KEY: E2E_API_KEY,
        PORT: '0',
      });
      await use(web);
      await stopWebMode(web.child);
    },
  });

const llama = flavoured('llama.cpp');
const openai = flavoured('openai');

const param = (page: Page, wire: string) => page.locator(`[data-param="${wire}"]`);

llama(
  'a loopback llama-server is checked by itself; badges, the pre-run question and a known rejection',
  async ({ page, fake }) => {
    await setup(page, 'Tell me a story', 'fake-model');
    // The automatic check: bounded in requests and tokens.
    await expect(param(page, 'echo').locator('.cap-badge')).toHaveText('rejected', { timeout: 15_000 });
    // Besides the check, the page lists the models and counts the prompt (tokenize with the special tokens on).
    const isPageCount = (r: FakeServer['requests'][number]) =>
      r.path === '/tokenize' && (r.body as { add_special?: boolean }).add_special === true;
    const others = fake.requests.filter((r) => r.path !== '/v1/models' && !isPageCount(r));
    expect(fake.requests.filter((r) => r.path === '/v1/models').length).toBeGreaterThanOrEqual(1);
    expect(others.length + 1).toBeLessThanOrEqual(MAX_CHECK_REQUESTS);
    for (const body of completionBodies(fake))
      expect(body['max_tokens']).toBeLessThanOrEqual(MAX_CHECK_TOKENS);
    await expect(param(page, 'echo').locator('.cap-badge')).toHaveAttribute(
      'title',
      "rejected by this server: HTTP 500 'Unsupported param: echo'",
    );
    await expect(param(page, 'n').locator('.cap-badge')).toHaveText('rejected');
    await expect(param(page, 'temperature').locator('.cap-badge')).toHaveText('honoured');
    // The token count is the server's own.
    await expect(page.getByLabel('Prompt tokens')).toHaveText('4 tokens · exact (server)');
    await expect(page.locator('.prompt-budget')).toContainText('of 512 context tokens');

    // n = 2 is known to be refused: the run asks first; "Run with n = 1" sends no n.
    await setNumber(page, 'Max tokens', '3');
    await setNumber(page, 'N', '2');
    const checkRequests = completionBodies(fake).length;
    await runButton(page).click();
    const dialog = page.getByRole('dialog', { name: 'Before this run' });
    await expect(dialog).toContainText(
      "llama-server rejects n > 1 — HTTP 500 'Only one completion choice is allowed'",
    );
    await dialog.getByRole('button', { name: 'Run with n = 1' }).click();
    await expect(runStatus(page)).toHaveText('Done');
    const fixed = completionBodies(fake)[checkRequests];
    expect(fixed?.['n']).toBeUndefined();
    expect(fixed?.['max_tokens']).toBe(3);

    // Cancel sends nothing.
    await runButton(page).click();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toHaveCount(0);
    expect(completionBodies(fake).length).toBe(checkRequests + 1);

    // "Send anyway", remembered: the server refuses, and the error points at n; the next run does not ask.
    await runButton(page).click();
    await dialog.getByRole('checkbox', { name: 'Remember for this profile' }).check();
    await dialog.getByRole('button', { name: 'Send anyway' }).click();
    await expect(runStatus(page)).toHaveText('Failed');
    await expect(page.locator('.known-rejection')).toContainText(
      'This is a known rejection: llama-server rejects n > 1',
    );
    await page.getByRole('button', { name: 'Show n' }).click();
    await expect(page.getByRole('spinbutton', { name: 'N', exact: true })).toBeFocused();
    await runButton(page).click();
    await expect(runStatus(page)).toHaveText('Failed');
    await expect(dialog).toHaveCount(0);
    expect(completionBodies(fake).at(-1)?.['n']).toBe(2);
  },
);

llama(
  'the cost before a run (prompt × n + max_tokens) and after it (usage), from the price table',
  async ({ page, fake }) => {
    await setup(page, 'one two three four five', 'fake-model');
    await expect(param(page, 'n').locator('.cap-badge')).toHaveText('rejected', { timeout: 15_000 });
    await page.getByRole('button', { name: 'Settings' }).first().click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await expect(settings.getByRole('region', { name: 'Server check of fake-model' })).toContainText(
      'Unsupported param: best_of',
    );
    await settings.getByLabel('Input price per 1M tokens').fill('2');
    await settings.getByLabel('Output price per 1M tokens').fill('4');
    await settings.getByRole('button', { name: 'Save prices' }).click();
    await expect(settings).toContainText('Prices saved.');
    await page.keyboard.press('Escape');

    await setNumber(page, 'Max tokens', '5');
    await expect(page.getByLabel('Prompt tokens')).toHaveText('5 tokens · exact (server)');
    // 5 prompt tokens × 2 + 5 max_tokens × 4, per million.
    await expect(page.getByLabel('Estimated cost')).toHaveText(
      `· estimated cost ≤ ${(5 * 2 + 5 * 4) / 1e6} USD`,
    );
    await runButton(page).click();
    await expect(runStatus(page)).toHaveText('Done');
    const metrics = page.getByLabel('Run metrics').first();
    const prompt = Number(
      await metrics.locator('.metric', { hasText: 'Prompt' }).locator('dd').textContent(),
    );
    const completion = Number(
      await metrics.locator('.metric', { hasText: 'Completion' }).locator('dd').textContent(),
    );
    expect(prompt).toBeGreaterThan(0);
    const amount = (prompt * 2 + completion * 4) / 1e6;
    await expect(metrics.locator('.metric', { hasText: 'Cost' }).locator('dd')).toHaveText(
      `${Number(amount.toPrecision(3))} USD`,
    );
    expect(fake.requests.some((r) => JSON.stringify(r.body ?? {}).includes('inputPerMillion'))).toBe(false);
  },
);

openai(
  'without a tokenize endpoint the count is a labelled estimate: gpt-tokenizer for OpenAI models',
  async ({ page }) => {
    const prompt = 'Estimate me, please: how many tokens is this?';
    await setup(page, prompt, 'gpt-4o-mini');
    await expect(param(page, 'seed').locator('.cap-badge')).toHaveText('honoured', { timeout: 15_000 });
    await expect(page.getByLabel('Prompt tokens')).toHaveText(
      `${countTokens(prompt)} tokens · ≈ estimate (o200k_base)`,
    );
    await page.getByRole('textbox', { name: 'Model', exact: true }).fill('fake-model');
    await expect(page.getByLabel('Prompt tokens')).toHaveText(
      `${Math.ceil(prompt.length / 4)} tokens · ≈ rough estimate (4 characters per token)`,
    );
  },
);
