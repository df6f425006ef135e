// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Preset } from '../../../../shared/schemas';
import { createFakeApi, fakeOutput, type FakeApi } from '../../test-support/fake-api';
import { renderFeatures } from '../../test-support/render-features';
import { runsSummary } from './use-compare-runs';

afterEach(cleanup);

const draft = {
  params: { model: 'fake-model', prompt: 'Compare me', stream: true, temperature: 0.5, max_tokens: 8 },
};
const preset = (id: string, temperature: number, model = 'fake-model'): Preset => ({
  id,
  name: `T ${temperature}`,
  description: '',
  params: { model, prompt: '', stream: true, temperature, max_tokens: 8 },
  includesPrompt: false,
  createdAt: 1,
  updatedAt: 1,
});

/** A script: the column at temperature 0.7 holds its run open; any other streams `text` and finishes. */
const holdWarmColumn =
  (text: string): FakeApi['script'] =>
  (r) =>
    r.params.temperature === 0.7
      ? 'hold'
      : [
          { type: 'delta', choice: 0, text },
          {
            type: 'done',
            choices: [],
            metrics: { durationMs: 1, attempts: 1 },
            response: { status: 200, statusText: 'OK', headers: {} },
          },
        ];

const column = (n: number) => screen.getByRole('region', { name: `Column ${n}` });

async function openWithPresets(presets: Preset[], concurrency = 4) {
  const api = createFakeApi({ draft, presets });
  api.settings.compareConcurrency = concurrency;
  const t = await renderFeatures(api);
  await waitFor(() => expect(t.draft().params.prompt).toBe('Compare me'));
  await t.user.click(screen.getByRole('button', { name: 'Compare' }));
  await t.user.click(screen.getByRole('button', { name: 'Add column' }));
  for (const [i, p] of presets.entries()) {
    await t.user.selectOptions(
      within(column(i + 1)).getByRole('combobox', { name: `Setup of column ${i + 1}` }),
      within(column(i + 1)).getByRole('option', { name: p.name }),
    );
  }
  return t;
}

describe('compare', () => {
  it('streams without re-rendering: deltas reach the text of the columns, no component', async () => {
    let renders = 0;
    const api = createFakeApi({ draft });
    api.script = () => 'hold';
    const t = await renderFeatures(api, () => (renders += 1));
    await waitFor(() => expect(t.draft().params.prompt).toBe('Compare me'));
    await t.user.click(screen.getByRole('button', { name: 'Compare' }));
    await t.user.click(screen.getByRole('button', { name: 'Run all' }));
    await waitFor(() => expect(api.runs).toHaveLength(2));
    for (const n of [1, 2]) await within(column(n)).findByText('streaming');
    // The first text of a run adds its output (a render); what follows must not.
    for (const r of api.runs) api.emit({ type: 'delta', runId: r.runId, choice: 0, text: 'Once' });
    for (const n of [1, 2]) await within(column(n)).findByText('Once');
    const before = renders;
    const words = Array.from({ length: 20 }, (_, i) => ` word${i}`);
    for (const word of words) {
      for (const r of api.runs) api.emit({ type: 'delta', runId: r.runId, choice: 0, text: word });
      // One batch per frame: let each round be applied on its own.
      await act(() => new Promise((done) => setTimeout(done, 20)));
    }
    for (const n of [1, 2])
      expect(within(column(n)).getByLabelText(`Output of column ${n}`)).toHaveTextContent(
        words.join('').trim(),
      );
    expect(renders).toBe(before);
  });

  it('runs three presets at once with the shared prompt and highlights what differs', async () => {
    const t = await openWithPresets([preset('a', 0.2), preset('b', 0.7), preset('c', 1)]);
    const differs = within(column(1))
      .getAllByText(/\(differs\)/)
      .map((el) => el.closest('dt')?.textContent);
    expect(differs).toEqual(['Temperature (differs)']);

    await t.user.click(screen.getByRole('button', { name: 'Run all' }));
    await waitFor(() => expect(t.api.runs).toHaveLength(3));
    expect(t.api.runs.map((r) => [r.params.temperature, r.params.prompt, r.presetName])).toEqual([
      [0.2, 'Compare me', 'T 0.2'],
      [0.7, 'Compare me', 'T 0.7'],
      [1, 'Compare me', 'T 1'],
    ]);
    for (const [i, r] of t.api.runs.entries()) {
      await within(column(i + 1)).findByText(fakeOutput(r));
      expect(within(column(i + 1)).getByRole('status')).toHaveTextContent('done');
    }
  });

  it('keeps an error in its column and honours the per-endpoint limit', async () => {
    const presets = [preset('a', 0.2), preset('b', 0.7, 'broken-model'), preset('c', 1)];
    const t = await openWithPresets(presets, 1);
    const base = t.api.script;
    t.api.script = (r) =>
      r.params.model === 'broken-model'
        ? [
            {
              type: 'error',
              error: { kind: 'server_error', message: 'Unsupported param: best_of', status: 500 },
              metrics: { durationMs: 1, attempts: 1 },
              partial: false,
            },
          ]
        : base(r);
    await t.user.click(screen.getByRole('button', { name: 'Run all' }));
    // One endpoint, limit 1: the columns run one after another.
    await waitFor(() => expect(t.api.runs).toHaveLength(3));
    // Events are applied once per frame: the alert may land a frame after the third run started.
    // The same error panel as the main output's: the server's message, its status, and what to do.
    const alert = await within(column(2)).findByRole('alert', { name: 'Run error' });
    expect(alert).toHaveTextContent('Unsupported param: best_of');
    expect(alert).toHaveTextContent('HTTP status500');
    expect(alert).toHaveTextContent('press Unset on Best of');
    expect(within(column(1)).queryByRole('alert')).toBeNull();
    await within(column(3)).findByText(fakeOutput(t.api.runs[2]!));
    // The dialog says where the runs are, and stays true once they ended.
    expect(await screen.findByText('3 columns finished (1 failed).')).toHaveAttribute('role', 'status');
  });

  it('runs at most compareConcurrency per endpoint while other endpoints run in parallel', async () => {
    const t = await openWithPresets([], 1);
    await t.user.click(screen.getByRole('button', { name: 'Add column' }));
    await t.user.selectOptions(
      within(column(4)).getByRole('combobox', { name: 'Profile of column 4' }),
      'p2',
    );
    t.api.script = () => 'hold';
    await t.user.click(screen.getByRole('button', { name: 'Run all' }));
    await waitFor(() => expect(t.api.runs.map((r) => r.profileId)).toEqual(['p1', 'p2']));
    expect(within(column(2)).getByRole('status')).toHaveTextContent('waiting for a free slot');
    expect(screen.getByText('Running 4 of 4 columns.')).toHaveAttribute('role', 'status');
    const done = {
      choices: [],
      metrics: { durationMs: 1, attempts: 1 },
      response: { status: 200, statusText: 'OK', headers: {} },
    };
    act(() => t.api.emit({ type: 'done', runId: t.api.runs[0]!.runId, ...done }));
    await waitFor(() => expect(t.api.runs).toHaveLength(3));
    act(() => t.api.emit({ type: 'done', runId: t.api.runs[2]!.runId, ...done }));
    await waitFor(() => expect(t.api.runs.map((r) => r.profileId)).toEqual(['p1', 'p2', 'p1', 'p1']));
  });

  it('stops one column, word-diffs two outputs and copies a column to the editor', async () => {
    const t = await openWithPresets([preset('a', 0.2), preset('b', 0.7)]);
    t.api.script = holdWarmColumn('alpha beta gamma');
    fireEvent.keyDown(screen.getByRole('textbox', { name: 'Shared prompt' }), {
      key: 'Enter',
      ctrlKey: true,
      shiftKey: true,
    });
    await waitFor(() => expect(t.api.runs).toHaveLength(3));
    const held = t.api.runs[1]!;
    act(() => t.api.emit({ type: 'delta', runId: held.runId, choice: 0, text: 'alpha delta gamma' }));
    await within(column(2)).findByText('alpha delta gamma');
    await t.user.click(screen.getByText('Word diff'));
    // No word diff per frame while a column streams: it waits for both ends.
    expect(screen.getByText('The diff appears when both columns have finished.')).toBeInTheDocument();
    await t.user.click(within(column(2)).getByRole('button', { name: 'Stop column 2' }));
    expect(t.api.cancelled).toEqual([held.runId]);
    await waitFor(() => expect(within(column(2)).getByRole('status')).toHaveTextContent('stopped'));

    const diff = screen.getByRole('group', { name: /Differences from column 1 to column 2/ });
    expect(diff.querySelector('del')?.textContent).toBe('beta');
    expect(diff.querySelector('ins')?.textContent).toBe('delta');

    await t.user.click(within(column(2)).getByRole('button', { name: /Use this column/ }));
    expect(t.draft()).toMatchObject({ params: { temperature: 0.7, prompt: 'Compare me' }, presetId: 'b' });
  });

  it('keeps columns, prompt and finished outputs when closed and opened again; a run still going is stopped', async () => {
    const t = await openWithPresets([preset('a', 0.2), preset('b', 0.7)]);
    t.api.script = holdWarmColumn('kept words');
    const prompt = screen.getByRole('textbox', { name: 'Shared prompt' });
    await t.user.clear(prompt);
    await t.user.type(prompt, 'Kept prompt');
    await t.user.click(screen.getByRole('button', { name: 'Run all' }));
    await within(column(1)).findByText('kept words');
    await waitFor(() => expect(t.api.runs).toHaveLength(3));
    const held = t.api.runs[1]!;

    await t.user.click(
      within(screen.getByRole('dialog', { name: 'Compare' })).getByRole('button', { name: 'Close' }),
    );
    expect(screen.queryByRole('dialog', { name: 'Compare' })).not.toBeInTheDocument();
    expect(t.api.cancelled).toEqual([held.runId]);

    await t.user.click(screen.getByRole('button', { name: 'Compare' }));
    expect(screen.getByRole('textbox', { name: 'Shared prompt' })).toHaveValue('Kept prompt');
    expect(within(column(1)).getByRole('combobox', { name: 'Setup of column 1' })).toHaveDisplayValue(
      'T 0.2',
    );
    expect(within(column(2)).getByRole('combobox', { name: 'Setup of column 2' })).toHaveDisplayValue(
      'T 0.7',
    );
    expect(within(column(1)).getByText('kept words')).toBeInTheDocument();
    expect(within(column(1)).getByRole('status')).toHaveTextContent('done');
    expect(within(column(2)).getByRole('status')).toHaveTextContent('stopped');
  });

  it('Ctrl+Enter inside Compare runs the columns, not the editor behind it', async () => {
    const t = await openWithPresets([preset('a', 0.2), preset('b', 0.7)]);
    fireEvent.keyDown(screen.getByRole('textbox', { name: 'Shared prompt' }), {
      key: 'Enter',
      ctrlKey: true,
    });
    await waitFor(() => expect(t.api.runs).toHaveLength(3));
    expect(t.api.runs.map((r) => r.params.temperature)).toEqual([0.2, 0.7, 0.5]);
  });

  it('fills the columns from a sweep grid with a fixed seed', async () => {
    const t = await openWithPresets([]);
    await t.user.click(screen.getByText('Parameter sweep'));
    await t.user.selectOptions(screen.getByRole('combobox', { name: 'Sweep parameter 2' }), 'top_p');
    await t.user.type(screen.getByRole('textbox', { name: 'Sweep values 2' }), '0.9, 1');
    await t.user.click(screen.getByRole('button', { name: 'Fill columns' }));
    expect(screen.getAllByRole('region', { name: /^Column \d$/ })).toHaveLength(6);
    await t.user.click(screen.getByRole('button', { name: 'Run all' }));
    await waitFor(() => expect(t.api.runs).toHaveLength(6));
    expect(t.api.runs.map((r) => [r.params.temperature, r.params.top_p, r.params.seed])).toEqual([
      [0.2, 0.9, 42],
      [0.2, 1, 42],
      [0.6, 0.9, 42],
      [0.6, 1, 42],
      [1, 0.9, 42],
      [1, 1, 42],
    ]);
  });
});

describe('compare columns draw their runs as the main output does', () => {
  /** Compare open on two "current setup" columns of `params`, every run held open, Run all pressed. */
  async function runHeld(params: typeof draft.params & { echo?: boolean }) {
    const api = createFakeApi({ draft: { params } });
    api.script = () => 'hold';
    const t = await renderFeatures(api);
    await waitFor(() => expect(t.draft().params.prompt).toBe('Compare me'));
    await t.user.click(screen.getByRole('button', { name: 'Compare' }));
    await t.user.click(screen.getByRole('button', { name: 'Run all' }));
    await waitFor(() => expect(api.runs).toHaveLength(2));
    return t;
  }

  it('shows "retrying in N s" in the column that waits to retry, and its Cancel stops that run', async () => {
    const t = await runHeld(draft.params);
    const [first, second] = t.api.runs;
    act(() =>
      t.api.emit({
        type: 'retrying',
        runId: first!.runId,
        attempt: 1,
        maxAttempts: 3,
        delayMs: 3000,
        reason: 'rate limited',
        status: 429,
      }),
    );
    const banner = await within(column(1)).findByText(
      /^Rate limited — retrying in [23] s \(attempt 1 of 3\)$/,
    );
    expect(banner).toBeVisible();
    expect(within(column(2)).queryByText(/retrying/)).toBeNull();
    await t.user.click(within(column(1)).getByRole('button', { name: 'Cancel' }));
    expect(t.api.cancelled).toEqual([first!.runId]);
    await waitFor(() => expect(within(column(1)).queryByText(/retrying/)).toBeNull());
    expect(within(column(1)).getByRole('status')).toHaveTextContent('stopped');
    expect(t.api.cancelled).not.toContain(second!.runId);
  });

  it('shades the echoed prompt in a column', async () => {
    const t = await runHeld({ ...draft.params, echo: true });
    for (const r of t.api.runs)
      act(() => t.api.emit({ type: 'delta', runId: r.runId, choice: 0, text: 'Compare me, and then some' }));
    for (const n of [1, 2]) {
      const output = within(column(n)).getByLabelText(`Output of column ${n}`);
      expect(await within(output).findByTitle('Echoed prompt')).toHaveTextContent(/^Compare me$/);
      expect(output).toHaveTextContent(/^Compare me, and then some$/);
    }
  });
});

describe('runsSummary', () => {
  it('counts the running columns, then what ended and how', () => {
    expect(runsSummary([undefined, undefined])).toBeUndefined();
    expect(runsSummary(['running', 'done'])).toBe('Running 1 of 2 columns.');
    expect(runsSummary(['queued', 'starting'])).toBe('Running 2 of 2 columns.');
    expect(runsSummary(['done', 'done'])).toBe('2 columns finished.');
    expect(runsSummary(['error', 'cancelled', 'done'])).toBe('3 columns finished (1 failed, 1 stopped).');
    // A column never run does not count.
    expect(runsSummary(['done', undefined])).toBe('1 column finished.');
  });
});
