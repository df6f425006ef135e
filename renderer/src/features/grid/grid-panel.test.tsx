// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { cellKey } from '../../../../shared/grid/cells';
import { ok } from '../../../../shared/result';
import type { GridPlan } from '../../../../shared/grid/grid-plan';
import { createFakeApi, fakeOutput, type FakeApi } from '../../test-support/fake-api';
import { giveElementsASize } from '../../test-support/jsdom-layout';
import { renderFeatures } from '../../test-support/render-features';

afterEach(cleanup);
giveElementsASize();

const draft = {
  params: { model: 'fake-model', prompt: 'Write about {{topic}}.', stream: true, temperature: 0.5 },
};

const openCompare = async (api: FakeApi) => {
  const t = await renderFeatures(api);
  await waitFor(() => expect(t.draft().params.prompt).toBe(draft.params.prompt));
  await t.user.click(screen.getByRole('button', { name: 'Compare' }));
  return t;
};

const pasteCases = async (t: Awaited<ReturnType<typeof openCompare>>, text: string) => {
  await t.user.click(screen.getByText('Paste cases'));
  await t.user.click(screen.getByRole('textbox', { name: /CSV, TSV or JSONL/ }));
  await t.user.paste(text);
  await t.user.click(screen.getByRole('button', { name: 'Add pasted cases' }));
};

describe('test cases and the grid', () => {
  it('runs every case × column as runs tagged with the grid, shows the outputs, and repeats a row', async () => {
    const api = createFakeApi({ draft });
    const t = await openCompare(api);
    await pasteCases(t, 'topic,expected\ntides,moon\nengines,\nbees,honey');
    const table = screen.getByRole('table', { name: 'Test cases' });
    expect(within(table).getAllByRole('row')).toHaveLength(4);
    expect(within(table).getByRole('textbox', { name: 'topic of case-2' })).toHaveValue('engines');

    await t.user.click(screen.getByRole('button', { name: 'Run grid' }));
    await waitFor(() => expect(api.runs).toHaveLength(6));
    expect(api.grid?.plan.cases).toHaveLength(3);
    const prompts = api.runs.map((r) => r.params.prompt).sort();
    expect(prompts).toEqual([
      'Write about bees.',
      'Write about bees.',
      'Write about engines.',
      'Write about engines.',
      'Write about tides.',
      'Write about tides.',
    ]);
    expect(new Set(api.runs.map((r) => r.grid?.cellKey)).size).toBe(6);
    expect(api.runs.every((r) => r.grid?.gridId === api.grid?.plan.id)).toBe(true);

    const results = await screen.findByRole('grid', { name: 'Results' });
    const first = api.runs.find((r) => r.params.prompt === 'Write about tides.')!;
    await waitFor(() => expect(results).toHaveTextContent(fakeOutput(first)));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Stop grid' })).toBeNull());
    expect(within(results).getAllByRole('row')).toHaveLength(4);

    // Repeat row ×2: each of the row's two columns runs twice more.
    const times = screen.getByRole('spinbutton', { name: /Repeat times/ });
    await t.user.clear(times);
    await t.user.type(times, '2');
    await t.user.click(within(results).getAllByRole('button', { name: 'Repeat' })[0]!);
    await waitFor(() => expect(api.runs).toHaveLength(10));
    expect(api.runs.slice(6).every((r) => r.params.prompt === 'Write about tides.')).toBe(true);
    await waitFor(() => expect(api.grid?.plan.extraCells).toHaveLength(4));
  });

  it('Stop grid stops the running cells, and Resume runs only the cells not done', async () => {
    const api = createFakeApi({ draft });
    const script = api.script;
    // Cells of "bees" hold their runs open until stopped; the others finish.
    api.script = (r) => (r.params.prompt.includes('bees') ? 'hold' : script(r));
    const t = await openCompare(api);
    await pasteCases(t, 'topic\ntides\nbees');
    await t.user.click(screen.getByRole('button', { name: 'Run grid' }));
    await waitFor(() => expect(api.runs).toHaveLength(4));
    const results = await screen.findByRole('grid', { name: 'Results' });
    await waitFor(() => expect(results).toHaveTextContent(fakeOutput(api.runs[0]!)));
    await t.user.click(screen.getByRole('button', { name: 'Stop grid' }));
    await waitFor(() => expect(api.cancelled).toHaveLength(2));
    expect(screen.getByRole('progressbar', { name: 'Grid progress' })).toHaveAttribute('value', '2');

    api.script = script;
    await t.user.click(await screen.findByRole('button', { name: 'Resume' }));
    await waitFor(() => expect(api.runs).toHaveLength(6));
    expect(api.runs.slice(4).map((r) => r.params.prompt)).toEqual(['Write about bees.', 'Write about bees.']);
    await waitFor(() => expect(screen.getByText(/4 done · 0 failed · 0 remaining/)).toBeVisible());
  });

  it('refuses to run a case without a value for a variable, naming it, and sends nothing', async () => {
    const api = createFakeApi({ draft });
    const t = await openCompare(api);
    await t.user.click(screen.getByRole('button', { name: 'Add case' }));
    await t.user.click(screen.getByRole('button', { name: 'Run grid' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('case-1 has no value for "topic"');
    expect(api.runs).toEqual([]);
  });

  it('a bad paste names its line and adds nothing', async () => {
    const api = createFakeApi({ draft });
    const t = await openCompare(api);
    await pasteCases(t, 'topic,notes\nok,fine\n"broken,x');
    expect(await screen.findByRole('alert')).toHaveTextContent(/line 3/);
    expect(within(screen.getByRole('table', { name: 'Test cases' })).getAllByRole('row')).toHaveLength(1);
  });

  it('offers Resume for a grid left unfinished, and runs only the cells not done', async () => {
    const api = createFakeApi({ draft });
    const plan: GridPlan = {
      id: 'grid-restored-1',
      createdAt: Date.now(),
      columns: ['a', 'b'].map((id) => ({ id, label: id, params: draft.params, profileId: 'p1' })),
      cases: [
        { id: 'case-1', values: { topic: 'one' } },
        { id: 'case-2', values: { topic: 'two' } },
      ],
      extraCells: [],
    };
    const done = (caseId: string, columnId: string) => ({
      key: cellKey(caseId, columnId, 0),
      caseId,
      columnId,
      repeat: 0,
      status: 'succeeded' as const,
      outputs: [`kept ${caseId} ${columnId}`],
      finishReasons: ['stop'],
      startedAt: 1,
      endedAt: 2,
    });
    api.grid = { plan, results: [done('case-1', 'a'), done('case-2', 'b')] };
    const t = await openCompare(api);
    const results = await screen.findByRole('grid', { name: 'Results' });
    expect(results).toHaveTextContent('kept case-1 a');
    await t.user.click(screen.getByRole('button', { name: 'Resume' }));
    await waitFor(() => expect(api.runs).toHaveLength(2));
    expect(api.runs.map((r) => r.grid?.cellKey).sort()).toEqual([
      cellKey('case-1', 'b', 0),
      cellKey('case-2', 'a', 0),
    ]);
    expect(api.runs.map((r) => r.params.prompt).sort()).toEqual(['Write about one.', 'Write about two.']);

    await waitFor(() => expect(screen.queryByRole('button', { name: 'Resume' })).toBeNull());
    await t.user.click(screen.getByRole('button', { name: 'Clear grid' }));
    await waitFor(() => expect(api.grid).toBeNull());
    expect(screen.queryByRole('grid', { name: 'Results' })).toBeNull();
  });
  it('sums the actual cost of priced cells into the progress', async () => {
    const api = createFakeApi({ draft });
    const price = { inputPerMillion: 1000, outputPerMillion: 2000 };
    api.getPriceTables = () =>
      Promise.resolve(ok({ p1: { currency: 'USD', models: { 'fake-model': price } } }));
    const usage = { prompt_tokens: 10, completion_tokens: 5 };
    const script = api.script;
    api.script = (r) => {
      const steps = script(r);
      return Array.isArray(steps) ? [steps[0]!, { type: 'usage', usage }, ...steps.slice(1)] : steps;
    };
    const t = await openCompare(api);
    await pasteCases(t, 'topic\ntides\nbees');
    await t.user.click(screen.getByRole('button', { name: 'Run grid' }));
    const progress = () => screen.getByRole('progressbar', { name: 'Grid progress' }).parentElement;
    await waitFor(() => expect(progress()).toHaveTextContent('4 done'));
    const perCell =
      (usage.prompt_tokens * price.inputPerMillion + usage.completion_tokens * price.outputPerMillion) / 1e6;
    expect(api.runs).toHaveLength(4);
    expect(progress()).toHaveTextContent(`cost ${(perCell * 4).toFixed(4)}`);
  });
});
