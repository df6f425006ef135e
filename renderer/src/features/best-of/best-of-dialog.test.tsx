// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../../shared/run-events';
import type { Draft } from '../../../../shared/schemas';
import { App } from '../../app/app';
import { createFakeApi, type RunScript } from '../../test-support/fake-api';
import { renderWithApi } from '../../test-support/render-with-api';

afterEach(cleanup);

type Step = RunEvent extends infer E ? (E extends RunEvent ? Omit<E, 'runId'> : never) : never;
const metrics = { durationMs: 5, attempts: 1 };
const response = { status: 200, statusText: 'OK', headers: {} };

/** Three candidates whose mean logprobs order them 2, 0, 1 (choice 1 is long but unlikely). */
const CANDIDATES: { text: string; logprobs: number[] }[] = [
  { text: ' fair', logprobs: [-0.6] },
  { text: ' bad bad bad', logprobs: [-2, -2, -2] },
  { text: ' good day', logprobs: [-0.1, -0.3] },
];
const script: RunScript = (): Step[] => [
  ...CANDIDATES.map((c, choice): Step => ({
    type: 'delta',
    choice,
    text: c.text,
    logprobs: c.logprobs.map((logprob) => ({ token: 't', logprob, top: [] })),
  })),
  {
    type: 'done',
    choices: CANDIDATES.map((_, index) => ({ index, finishReason: 'stop' })),
    metrics,
    response,
  },
];

const start = async (params: Partial<Draft['params']>) => {
  const user = userEvent.setup();
  const api = createFakeApi({
    draft: { params: { model: 'fake-model', prompt: 'Say', stream: true, ...params } },
    script,
  });
  await renderWithApi(<App />, api);
  return { user, api, button: screen.getByRole('button', { name: 'Show best_of candidates' }) };
};

describe('Show best_of candidates', () => {
  it('is offered only where best_of is above n', async () => {
    const { button } = await start({ n: 2, best_of: 2 });
    expect(button).toBeDisabled();
  });

  it('asks for every candidate with logprobs, ranks them by mean logprob and marks what best_of returns', async () => {
    const { user, api, button } = await start({ best_of: 3, temperature: 0.7 });
    await user.click(button);
    await waitFor(() => expect(api.runs).toHaveLength(1));
    expect(api.runs[0]?.params).toMatchObject({ n: 3, stream: false, temperature: 0.7 });
    expect(api.runs[0]?.params.best_of).toBeUndefined();
    expect(api.runs[0]?.params.logprobs).toBeGreaterThanOrEqual(1);

    const dialog = screen.getByRole('dialog', { name: 'best_of candidates' });
    const list = await within(dialog).findByRole('list', { name: 'Candidates, best first' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('pre')?.textContent)).toEqual([
      ' good day',
      ' fair',
      ' bad bad bad',
    ]);
    expect(items[0]).toHaveTextContent('best_of returns this');
    expect(items[1]).toHaveTextContent('discarded by best_of');
    expect(items[2]).toHaveTextContent('discarded by best_of');
    expect(items[0]).toHaveTextContent(`mean logprob ${((-0.1 - 0.3) / 2).toFixed(3)}`);
  });
});
