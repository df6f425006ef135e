// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../../shared/run-events';
import type { RunRequest } from '../../../../shared/schemas';
import { sequenceFigures, type TokenLogprob } from '../../../../shared/token-logprobs';
import { App } from '../../app/app';
import { createFakeApi, type RunScript } from '../../test-support/fake-api';
import { renderWithApi } from '../../test-support/render-with-api';

afterEach(cleanup);

const metrics = { durationMs: 5, attempts: 1 };
const response = { status: 200, statusText: 'OK', headers: {} };
const tok = (token: string, logprob: number | null): TokenLogprob => ({ token, logprob, top: [] });
const PROMPT_TOKENS = [tok('The', null), tok(' sky', -2.1), tok(' is', -0.4), tok(' blue', -0.9)];

/** A run event as a script gives it (without its run id), kept a discriminated union. */
type Step = RunEvent extends infer E ? (E extends RunEvent ? Omit<E, 'runId'> : never) : never;
const done: Step = { type: 'done', choices: [{ index: 0, finishReason: 'length' }], metrics, response };
const refused = (status: number, message: string): Step => ({
  type: 'error',
  error: { kind: status === 500 ? 'server_error' : 'unprocessable', status, message },
  metrics,
  partial: false,
});
/** An echo of the prompt's tokens (and `extra` generated after them). */
const echoed = (extra: TokenLogprob[] = []): Step[] => [
  {
    type: 'delta',
    choice: 0,
    text: 'The sky is blue' + extra.map((t) => t.token).join(''),
    logprobs: [...PROMPT_TOKENS, ...extra],
    promptTokens: PROMPT_TOKENS.length,
  },
  done,
];

const start = async (script: RunScript) => {
  const user = userEvent.setup();
  const api = createFakeApi({
    draft: { params: { model: 'fake-model', prompt: 'The sky is blue', stream: true, n: 2, max_tokens: 64 } },
    script,
  });
  await renderWithApi(<App />, api);
  await user.click(screen.getByRole('button', { name: 'Score prompt' }));
  return { user, api };
};

const expectedPerplexity = sequenceFigures(PROMPT_TOKENS)?.perplexity.toFixed(2) ?? 'none';

describe('Score prompt', () => {
  it('sends echo, logprobs and max_tokens 0 as one unstreamed choice, and shows the perplexity and tokens', async () => {
    const { api } = await start(() => echoed());
    await waitFor(() => expect(api.runs).toHaveLength(1));
    const params = api.runs[0]?.params;
    expect(params).toMatchObject({ echo: true, max_tokens: 0, stream: false, prompt: 'The sky is blue' });
    expect(params?.logprobs).toBeGreaterThanOrEqual(1);
    expect(params?.n).toBeUndefined();
    const head = (await screen.findByText('Perplexity')).closest('span');
    expect(head).toHaveTextContent(`Perplexity ${expectedPerplexity}`);
    const panel = screen.getByRole('region', { name: 'Prompt score' });
    const list = within(panel).getByRole('group', { name: 'Tokens of the prompt' });
    await waitFor(() => expect(list).toHaveTextContent('The sky is blue'));
  });

  it('retries with max_tokens 1 when 0 is refused, says so, and leaves the generated token out', async () => {
    const script: RunScript = (r: RunRequest) =>
      r.params.max_tokens === 0
        ? [refused(422, 'max_tokens must be at least 1.')]
        : echoed([tok(' today', -5)]);
    const { api } = await start(script);
    expect(
      await screen.findByText(/refused max_tokens 0 \(HTTP 422 'max_tokens must be at least 1.'\)/),
    ).toBeVisible();
    expect(api.runs.map((r) => r.params.max_tokens)).toEqual([0, 1]);
    expect(screen.getByText('Perplexity').closest('span')).toHaveTextContent(
      `Perplexity ${expectedPerplexity}`,
    );
    const list = screen.getByRole('group', { name: 'Tokens of the prompt' });
    await waitFor(() => expect(list).toHaveTextContent('The sky is blue'));
    expect(list).not.toHaveTextContent('today');
  });

  it('says plainly when the server refuses echo (llama.cpp answers 500), without a figure', async () => {
    const { api } = await start(() => [refused(500, 'Unsupported param: echo')]);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent("This server refused echo (HTTP 500 'Unsupported param: echo')");
    expect(alert).toHaveTextContent('llama.cpp');
    // A refusal naming echo is not retried: max_tokens 1 would not change it.
    expect(api.runs).toHaveLength(1);
    expect(screen.queryByText('Perplexity')).toBeNull();
  });

  it('says so when the server ignored echo', async () => {
    await start(() => [{ type: 'delta', choice: 0, text: '', logprobs: [tok(' x', -1)] }, done]);
    expect(await screen.findByRole('alert')).toHaveTextContent('it ignored echo');
  });
});
