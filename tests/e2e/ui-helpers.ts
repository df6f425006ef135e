/**
 * Helpers of the UI end-to-end specs. Controls are found by role and accessible name (the accessibility contract):
 * sliders are role "slider" named exactly by the parameter ("Temperature"), their number inputs "<name> value";
 * other numbers are spinbuttons named exactly ("Max tokens", "N", "Best of", "Seed"). Use `exact: true`: Playwright
 * matches names by substring otherwise ("N" is inside "Max tokens").
 */
import type { Page } from '@playwright/test';
import type { FakeServer } from '../support/fake-openai-server';
import { expect } from './fixtures';

/** The JSON bodies of every completions request the fake server received, in order. */
export const completionBodies = (fake: FakeServer): Record<string, unknown>[] =>
  fake.requests.filter((r) => r.path.endsWith('/completions')).map((r) => r.body as Record<string, unknown>);

/** Waits for the `count`-th completions request and returns its body. */
export async function nthBody(fake: FakeServer, count: number): Promise<Record<string, unknown>> {
  await expect.poll(() => completionBodies(fake).length).toBeGreaterThanOrEqual(count);
  const body = completionBodies(fake)[count - 1];
  if (!body) throw new Error(`no request ${count}`);
  return body;
}

/** Types a prompt and a model. */
export async function setup(page: Page, prompt: string, model: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill(prompt);
  await page.getByRole('textbox', { name: 'Model', exact: true }).fill(model);
}

/** Fills a number input and commits it with Enter. */
export async function setNumber(page: Page, name: string, value: string): Promise<void> {
  const input = page.getByRole('spinbutton', { name, exact: true });
  await input.fill(value);
  await input.press('Enter');
}

/** The Run button. */
export const runButton = (page: Page) => page.getByRole('button', { name: 'Run', exact: true });

/** The run status ("Done", "Stopped", "Failed" …) next to the timer. */
export const runStatus = (page: Page) =>
  page.getByRole('toolbar', { name: 'Run controls' }).getByRole('status');
