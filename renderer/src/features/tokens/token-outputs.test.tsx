// @vitest-environment jsdom
/**
 * The token view where outputs are shown: the main panel (every n choice, while streaming), a History entry, and the
 * "no probabilities" note; over the one fake api.
 */
import '@testing-library/jest-dom/vitest';
import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useRef } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../../../shared/api';
import { DEFAULT_PARAMS } from '../../../../shared/params';
import { buildBody } from '../../../../shared/request-body';
import type { TokenLogprob } from '../../../../shared/token-logprobs';
import { createFakeApi } from '../../test-support/fake-api';
import { renderFeatures } from '../../test-support/render-features';
import { renderWithApi } from '../../test-support/render-with-api';
import { OutputPanel } from '../output/output-panel';
import { ActionBar } from '../prompt/action-bar';
import { PromptRefContext } from '../prompt/prompt-ref';
import { binClass } from './token-scale';

afterEach(cleanup);

const tok = (token: string, p: number, alts: [string, number][] = []): TokenLogprob => ({
  token,
  logprob: Math.log(p),
  top: [[token, p] as [string, number], ...alts]
    .map(([t, q]) => ({ token: t, logprob: Math.log(q) }))
    .sort((a, b) => b.logprob - a.logprob),
});
const metrics = { durationMs: 10, attempts: 1 };
const response = { status: 200, statusText: 'OK', headers: {} };
const frame = () => act(() => new Promise((done) => setTimeout(done, 30)));

function Harness() {
  const ref = useRef<HTMLTextAreaElement>(null);
  return (
    <PromptRefContext.Provider value={ref}>
      <ActionBar />
      <OutputPanel />
    </PromptRefContext.Provider>
  );
}

/** Starts a run of the playground with these parameters; the test emits its events. */
async function startRun(params: Partial<typeof DEFAULT_PARAMS>) {
  const fake = createFakeApi({
    draft: { params: { ...DEFAULT_PARAMS, model: 'm', prompt: 'Hi', ...params } },
    script: () => 'manual',
  });
  const user = userEvent.setup();
  await renderWithApi(<Harness />, fake);
  await user.click(screen.getByRole('button', { name: 'Run' }));
  const runId = fake.runs[0]?.runId ?? '';
  return { fake, user, runId };
}

describe('token view in the main output', () => {
  it('toggles every n choice between text and tokens, while streaming; figures jump to the least likely token', async () => {
    const { fake, user, runId } = await startRun({ n: 2, logprobs: 2 });
    fake.emit({
      type: 'delta',
      runId,
      choice: 0,
      text: 'Hello',
      logprobs: [tok('Hello', 0.9, [['Hi', 0.05]])],
    });
    fake.emit({ type: 'delta', runId, choice: 1, text: 'Yo', logprobs: [tok('Yo', 0.5)] });
    await frame();
    const second = screen.getByRole('region', { name: 'Completion 2' });
    const toggle = within(second).getByRole('button', { name: 'Token probabilities' });
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
    const tokens = within(second).getByRole('group', { name: 'Tokens of Completion 2' });
    expect(tokens).toHaveTextContent('Yo');
    // The other choice keeps its plain text.
    const first = screen.getByRole('region', { name: 'Completion 1' });
    expect(within(first).queryByRole('group', { name: /^Tokens of/ })).toBeNull();
    expect(within(first).getByRole('button', { name: 'Token probabilities' })).toHaveAttribute(
      'aria-pressed',
      'false',
    );

    // Streaming on: new tokens reach the view as they come, coloured by their probability.
    fake.emit({ type: 'delta', runId, choice: 1, text: ' there', logprobs: [tok(' there', 0.05)] });
    await frame();
    const spans = tokens.querySelectorAll('.tok');
    expect([...spans].map((s) => s.textContent)).toEqual(['Yo', ' there']);
    expect(spans[1]).toHaveClass(binClass(Math.log(0.05)));

    fake.emit({ type: 'done', runId, choices: [], metrics, response });
    await frame();
    const figures = within(second).getByRole('group', { name: 'Sequence figures' });
    expect(figures).toHaveTextContent(
      `Perplexity ${Math.exp(-(Math.log(0.5) + Math.log(0.05)) / 2).toFixed(2)}`,
    );
    await user.click(within(figures).getByRole('button', { name: /·there/ }));
    expect(document.activeElement).toBe(spans[1]);
    expect(screen.getByRole('dialog', { name: 'Token details' })).toHaveTextContent('Position 2');
  });

  it('says so when logprobs was set and the server sent none', async () => {
    const { fake, runId } = await startRun({ logprobs: 1 });
    fake.emit({ type: 'delta', runId, choice: 0, text: 'plain words' });
    await frame();
    const region = screen.getByRole('region', { name: 'Completion' });
    expect(within(region).getByRole('note')).toHaveTextContent('this server returned no token probabilities');
  });

  it('offers no toggle and no note for a run that did not ask for probabilities', async () => {
    const { fake, runId } = await startRun({});
    fake.emit({ type: 'delta', runId, choice: 0, text: 'plain words' });
    await frame();
    const region = screen.getByRole('region', { name: 'Completion' });
    expect(within(region).queryByRole('button', { name: 'Token probabilities' })).toBeNull();
    expect(within(region).queryByRole('note')).toBeNull();
  });
});

describe('token view in History', () => {
  // jsdom lays nothing out; give elements a size so the history list's virtualizer renders its rows.
  const sizes = ['clientHeight', 'clientWidth'] as const;
  beforeAll(() => {
    for (const s of sizes)
      Object.defineProperty(HTMLElement.prototype, s, { configurable: true, get: () => 480 });
  });
  afterAll(() => {
    for (const s of sizes) delete (HTMLElement.prototype as unknown as Record<string, unknown>)[s];
  });

  it('shows a recorded run’s tokens, the echoed prompt shaded', async () => {
    const params = { model: 'fake-model', prompt: 'Question one', stream: true, echo: true, logprobs: 1 };
    const recorded: HistoryEntry = {
      id: 'run-000001',
      startedAt: 1_700_000_000_000,
      status: 'done',
      model: 'fake-model',
      profileName: 'Local',
      promptPreview: 'Question one',
      outputPreview: 'QA',
      starred: false,
      params,
      profileId: 'p1',
      request: {
        url: 'http://127.0.0.1:9/v1/completions',
        method: 'POST',
        headers: {},
        body: buildBody(params),
      },
      outputs: ['Question one A'],
      tokens: [[{ token: 'Question', logprob: null, top: [] }, tok(' one', 0.2), tok(' A', 0.7)]],
      promptTokens: [2],
    };
    const api = createFakeApi({
      draft: { params: { ...DEFAULT_PARAMS, model: 'm', prompt: 'p' } },
      history: [recorded],
    });
    const t = await renderFeatures(api);
    await t.user.click(screen.getByRole('button', { name: 'History' }));
    await t.user.click(await screen.findByText('Question one'));
    const details = await screen.findByRole('article', { name: 'Run details' });
    await t.user.click(within(details).getByRole('button', { name: 'Token probabilities' }));
    const tokens = within(details).getByRole('group', { name: 'Tokens of Recorded output' });
    const spans = tokens.querySelectorAll('.tok');
    expect([...spans].map((s) => s.textContent)).toEqual(['Question', ' one', ' A']);
    expect(spans[0]).toHaveClass('tok-echo');
    expect(spans[0]).toHaveClass('tok-none');
    expect(spans[1]).toHaveClass('tok-echo');
    expect(spans[2]).not.toHaveClass('tok-echo');
    // The figures are of the generated tokens alone.
    expect(within(details).getByRole('group', { name: 'Sequence figures' })).toHaveTextContent(
      `Perplexity ${(1 / 0.7).toFixed(2)}`,
    );
  });
});
