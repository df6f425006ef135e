// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Profiler, useRef } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS } from '../../../../shared/params';
import type { RunEvent } from '../../../../shared/run-events';
import { ActionBar } from '../prompt/action-bar';
import { PromptRefContext } from '../prompt/prompt-ref';
import { createFakeApi, type FakeApi } from '../../test-support/fake-api';
import { renderWithApi } from '../../test-support/render-with-api';
import { OutputPanel } from './output-panel';

afterEach(cleanup);

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function Harness({ onOutputRender }: { onOutputRender?: () => void }) {
  const ref = useRef<HTMLTextAreaElement>(null);
  return (
    <PromptRefContext.Provider value={ref}>
      <ActionBar />
      <Profiler id="output" onRender={() => onOutputRender?.()}>
        <OutputPanel />
      </Profiler>
    </PromptRefContext.Provider>
  );
}

const metrics = { durationMs: 1200, ttftMs: 80, tokensPerSecond: 42.5, attempts: 1 };
const response = { status: 200, statusText: 'OK', headers: {} };

async function startRun(fake: FakeApi, ui = <Harness />) {
  const user = userEvent.setup();
  await renderWithApi(ui, fake);
  await user.click(screen.getByRole('button', { name: 'Run' }));
  const runId = fake.runs[0]?.runId ?? '';
  const emit = (e: DistributiveOmit<RunEvent, 'runId'>) => fake.emit({ ...e, runId });
  return { user, runId, emit };
}

describe('output panel', () => {
  it('streams without re-rendering: each delta reaches the text, no component', async () => {
    let renders = 0;
    // The output panel only: the run controls beside it tick their elapsed timer, as they should.
    const counted = <Harness onOutputRender={() => (renders += 1)} />;
    const fake = createFakeApi({
      draft: { params: { ...DEFAULT_PARAMS, model: 'm', prompt: 'Hi' } },
      script: () => 'manual',
    });
    const { emit } = await startRun(fake, counted);
    emit({ type: 'delta', choice: 0, text: 'Once' });
    const region = screen.getByRole('region', { name: 'Completion' });
    await within(region).findByText('Once');
    const before = renders;
    const words = Array.from({ length: 30 }, (_, i) => ` word${i}`);
    for (const word of words) {
      emit({ type: 'delta', choice: 0, text: word });
      // One batch per frame: let each delta be applied on its own.
      await new Promise((done) => setTimeout(done, 20));
    }
    expect(region).toHaveTextContent(`Once${words.join('')}`);
    expect(renders).toBe(before);
  });

  it('streams into the "Completion" region, then shows finish reason, matched stop and metrics', async () => {
    const fake = createFakeApi({
      draft: { params: { ...DEFAULT_PARAMS, model: 'm', prompt: 'Hi' } },
      script: () => 'manual',
    });
    const { emit } = await startRun(fake);
    emit({ type: 'delta', choice: 0, text: 'Hello' });
    emit({ type: 'delta', choice: 0, text: ' there' });
    const region = screen.getByRole('region', { name: 'Completion' });
    await within(region).findByText('Hello there');
    emit({
      type: 'done',
      choices: [{ index: 0, finishReason: 'stop', matchedStop: '\n' }],
      usage: { prompt_tokens: 2, completion_tokens: 3, total_tokens: 5 },
      metrics,
      response,
    });
    expect(await within(region).findByText(/finish: stop/)).toHaveTextContent('finish: stop · matched ↵');
    const line = screen.getByLabelText('Run metrics');
    expect(line).toHaveTextContent('TTFT80 ms');
    expect(line).toHaveTextContent('Speed42.5 tok/s');
    expect(line).toHaveTextContent('Total5');
  });

  it('gives each of n choices its own numbered region', async () => {
    const fake = createFakeApi({
      draft: { params: { ...DEFAULT_PARAMS, model: 'm', prompt: 'Hi', n: 2 } },
      script: () => 'manual',
    });
    const { emit } = await startRun(fake);
    emit({ type: 'delta', choice: 1, text: 'second' });
    emit({ type: 'delta', choice: 0, text: 'first' });
    expect(
      await within(screen.getByRole('region', { name: 'Completion 1' })).findByText('first'),
    ).toBeVisible();
    expect(within(screen.getByRole('region', { name: 'Completion 2' })).getByText('second')).toBeVisible();
    expect(screen.queryByRole('region', { name: 'Completion' })).toBeNull();
  });

  it('draws the echoed prompt apart from the generated text', async () => {
    const fake = createFakeApi({
      draft: { params: { ...DEFAULT_PARAMS, model: 'm', prompt: 'Tell', echo: true } },
      script: () => 'manual',
    });
    const { emit } = await startRun(fake);
    emit({ type: 'delta', choice: 0, text: 'Tell me' });
    expect(await screen.findByTitle('Echoed prompt')).toHaveTextContent(/^Tell$/);
  });

  it('keeps partial output on error, marks it incomplete and shows the hint', async () => {
    const fake = createFakeApi({
      draft: { params: { ...DEFAULT_PARAMS, model: 'm', prompt: 'Hi' } },
      script: () => 'manual',
    });
    const { emit } = await startRun(fake);
    emit({ type: 'delta', choice: 0, text: 'partial text' });
    emit({
      type: 'error',
      error: {
        kind: 'authentication',
        status: 401,
        message: 'Incorrect API key provided.',
        code: 'invalid_api_key',
      },
      metrics,
      partial: true,
    });
    const alert = await screen.findByRole('alert', { name: 'Run error' });
    expect(alert).toHaveTextContent('Incorrect API key provided.');
    expect(alert).toHaveTextContent('HTTP status401');
    expect(alert).toHaveTextContent('Codeinvalid_api_key');
    expect(alert).toHaveTextContent('Check the API key for this profile');
    expect(alert).toHaveTextContent('partial output kept below');
    const region = screen.getByRole('region', { name: 'Completion' });
    expect(region).toHaveTextContent('partial text');
    expect(region).toHaveTextContent('incomplete (failed)');
  });

  it('shows the retry banner with Cancel, which cancels the run', async () => {
    const fake = createFakeApi({
      draft: { params: { ...DEFAULT_PARAMS, model: 'm', prompt: 'Hi' } },
      script: () => 'manual',
    });
    const { emit, user, runId } = await startRun(fake);
    emit({
      type: 'retrying',
      attempt: 1,
      maxAttempts: 3,
      delayMs: 3000,
      reason: 'rate limited',
      status: 429,
    });
    expect(await screen.findByText(/^Rate limited — retrying in [23] s \(attempt 1 of 3\)$/)).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(fake.cancelled).toEqual([runId]);
  });
});
