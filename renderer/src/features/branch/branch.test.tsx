// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../../shared/run-events';
import type { TokenLogprob } from '../../../../shared/token-logprobs';
import { App } from '../../app/app';
import { createFakeApi, type RunScript } from '../../test-support/fake-api';
import { renderWithApi } from '../../test-support/render-with-api';

afterEach(cleanup);

type Step = RunEvent extends infer E ? (E extends RunEvent ? Omit<E, 'runId'> : never) : never;
const metrics = { durationMs: 5, attempts: 1 };
const response = { status: 200, statusText: 'OK', headers: {} };
const tok = (token: string, logprob: number | null, alt?: string): TokenLogprob => ({
  token,
  logprob,
  top: logprob === null ? [] : [{ token, logprob }, ...(alt ? [{ token: alt, logprob: logprob - 1 }] : [])],
});

/** The echoed prompt (2 tokens), then three generated tokens, each with one alternative. */
const ECHO = [tok('Hello', null), tok(' world', -1)];
const GENERATED = [tok(',', -0.2, '!'), tok(' my', -0.5, ' dear'), tok(' friend', -0.7, ' pal')];
const firstRun: Step[] = [
  {
    type: 'delta',
    choice: 0,
    text: 'Hello world, my friend',
    logprobs: [...ECHO, ...GENERATED],
    promptTokens: ECHO.length,
  },
  { type: 'done', choices: [{ index: 0, finishReason: 'length' }], metrics, response },
];
const branchRun: Step[] = [
  { type: 'delta', choice: 0, text: ' and more', logprobs: [tok(' and', -0.1), tok(' more', -0.3)] },
  { type: 'done', choices: [{ index: 0, finishReason: 'length' }], metrics, response },
];

const start = async () => {
  const user = userEvent.setup();
  let count = 0;
  const script: RunScript = () => (count++ === 0 ? firstRun : branchRun);
  const api = createFakeApi({
    draft: { params: { model: 'fake-model', prompt: 'Hello world', stream: true, echo: true, logprobs: 2 } },
    script,
  });
  await renderWithApi(<App />, api);
  await user.click(screen.getByRole('button', { name: /^Run/ }));
  await screen.findByText('Done');
  const completion = screen.getByRole('region', { name: 'Completion' });
  await user.click(within(completion).getByRole('button', { name: 'Token probabilities' }));
  return { user, api, completion };
};

/** Focuses group `g` of the token view and clicks its first "Continue with". */
const branchAt = async (user: ReturnType<typeof userEvent.setup>, completion: HTMLElement, g: number) => {
  const tokens = await within(completion).findByRole('group', { name: 'Tokens of Completion' });
  const spans = tokens.querySelectorAll<HTMLElement>('.tok');
  spans[0]?.focus();
  for (let i = 0; i < g; i++) await user.keyboard('{ArrowRight}');
  const details = await screen.findByRole('dialog', { name: 'Token details' });
  await user.click(within(details).getAllByRole('button', { name: /^Continue with/ })[0] as HTMLElement);
};

describe('Continue with ‹token›', () => {
  it('runs prompt + output so far + the alternative (echo not doubled), linked to its parent; Back returns', async () => {
    const { user, api, completion } = await start();
    // Group 3 is the second generated token (" my"): the branch keeps "," and puts " dear" in its place.
    await branchAt(user, completion, 3);
    await waitFor(() => expect(api.runs).toHaveLength(2));
    expect(api.runs[1]?.params.prompt).toBe('Hello world, dear');
    expect(api.runs[1]?.parentRunId).toBe(api.runs[0]?.runId);
    const prompt = screen.getByRole('textbox', { name: 'Prompt' });
    expect(prompt).toHaveValue('Hello world, dear');

    await user.click(await screen.findByRole('button', { name: 'Back to 2-token branch' }));
    expect(prompt).toHaveValue('Hello world');
    // The parent's output is on show again, as it was, and nothing was sent.
    await waitFor(() =>
      expect(
        within(screen.getByRole('region', { name: 'Completion' })).getByRole('group', {
          name: 'Tokens of Completion',
        }),
      ).toHaveTextContent('Hello world, my friend'),
    );
    expect(api.runs).toHaveLength(2);
    expect(screen.queryByRole('button', { name: /^Back to/ })).toBeNull();
  });

  it("goes back when the prompt's undo brings the previous prompt back", async () => {
    const { user, api, completion } = await start();
    await branchAt(user, completion, 2);
    await waitFor(() => expect(api.runs[1]?.params.prompt).toBe('Hello world!'));
    await screen.findByRole('button', { name: 'Back to 1-token branch' });
    // What Ctrl+Z in the textarea does (jsdom has no native undo): the previous text comes back as an input.
    fireEvent.change(screen.getByRole('textbox', { name: 'Prompt' }), { target: { value: 'Hello world' } });
    await waitFor(() => expect(screen.queryByRole('button', { name: /^Back to/ })).toBeNull());
    await waitFor(() =>
      expect(screen.getByRole('region', { name: 'Completion' })).toHaveTextContent('Hello world, my friend'),
    );
    // Regenerate now repeats the parent's request, not the branch's.
    await user.click(screen.getByRole('button', { name: /^Regenerate/ }));
    await waitFor(() => expect(api.runs).toHaveLength(3));
    expect(api.runs[2]?.params).toEqual(api.runs[0]?.params);
    expect(api.runs[2]?.parentRunId).toBeUndefined();
  });
});
