// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Draft } from '../../../../shared/schemas';
import { App } from '../../app/app';
import { createFakeApi } from '../../test-support/fake-api';
import { renderWithApi } from '../../test-support/render-with-api';
import { runBlock } from './run-gate';

afterEach(cleanup);

const draft = (over: Partial<Draft['params']> = {}, extraBody?: Record<string, unknown>): Draft => ({
  params: { model: 'fake-model', prompt: 'Hi', stream: true, temperature: 0.5, ...over },
  ...(extraBody ? { extraBody } : {}),
});

const start = async (initial: Draft) => {
  const user = userEvent.setup();
  const api = createFakeApi({ draft: initial });
  const view = await renderWithApi(<App />, api);
  const run = screen.getByRole('button', { name: /^Run/ });
  return { user, api, run, ...view };
};

describe('the run check', () => {
  it('names the field that blocks a run, model first', () => {
    expect(runBlock(draft())).toBeUndefined();
    expect(runBlock(draft({ model: '  ' }))).toMatchObject({ field: 'model' });
    expect(runBlock(draft(), { extra_body: 'Not valid JSON' })).toMatchObject({
      field: 'extra_body',
      message: expect.stringContaining('Extra body is not valid') as string,
    });
    expect(runBlock(draft({ n: 3, best_of: 2 }))).toMatchObject({ field: 'best_of' });
  });
});

describe('Run, Regenerate and Ctrl+Enter with invalid input', () => {
  it('sends nothing while the extra body is invalid JSON — not even the last valid one — and says which field', async () => {
    const { user, api, run } = await start(draft({}, { top_k: 40 }));
    const editor = screen.getByRole('textbox', { name: 'Extra body' });
    await user.clear(editor);
    await user.click(editor);
    await user.paste('{"top_k": 41');
    await user.click(run);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Extra body is not valid, so nothing was sent');
    expect(editor).toHaveFocus();
    await user.keyboard('{Control>}{Enter}{/Control}');
    await user.keyboard('{Control>}{Shift>}{Enter}{/Shift}{/Control}');
    expect(api.runs).toEqual([]);

    await user.type(editor, '}');
    expect(screen.queryByRole('alert')).toBeNull();
    await user.click(run);
    await waitFor(() => expect(api.runs).toHaveLength(1));
    expect(api.runs[0]?.extraBody).toEqual({ top_k: 41 });
  });

  it('asks for a model instead of sending an empty one', async () => {
    const { user, api, run } = await start(draft({ model: '' }));
    await user.click(run);
    expect(await screen.findByRole('alert')).toHaveTextContent('Enter a model name to run');
    const model = screen.getByRole('textbox', { name: 'Model' });
    expect(model).toHaveFocus();
    screen.getByRole('textbox', { name: 'Prompt' }).focus();
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(api.runs).toEqual([]);
    await user.type(model, 'fake-model');
    expect(screen.queryByRole('alert')).toBeNull();
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(api.runs.map((r) => r.params.model)).toEqual(['fake-model']));
  });

  it('waits for an invalid logit bias row and for best of below n', async () => {
    const { user, api, run } = await start(draft());
    await user.click(screen.getByRole('button', { name: 'Set Logit bias' }));
    const group = screen.getByRole('group', { name: 'Logit bias' });
    await user.type(within(group).getByRole('textbox', { name: 'Token id 1' }), 'abc');
    await user.click(run);
    expect(
      await screen.findByText(/Logit bias is not valid, so nothing was sent: row 1: Token id/),
    ).toBeVisible();
    expect(within(group).getByRole('textbox', { name: 'Token id 1' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Unset Logit bias' }));

    await user.click(screen.getByRole('button', { name: 'Set Best of' }));
    const n = screen.getByRole('spinbutton', { name: 'N' });
    await user.clear(n);
    await user.type(n, '3{Enter}');
    await user.click(run);
    expect(screen.getAllByText(/Best of \(1\) must be at least N \(3\)/).length).toBeGreaterThan(0);
    expect(screen.getByRole('spinbutton', { name: 'Best of' })).toHaveFocus();
    expect(api.runs).toEqual([]);
  });

  it('lets Regenerate resend the last run, which was checked when it ran', async () => {
    const { user, api, run } = await start(draft());
    await user.click(run);
    await waitFor(() => expect(api.runs).toHaveLength(1));
    await screen.findByText('Done');
    await user.clear(screen.getByRole('textbox', { name: 'Model' }));
    await user.click(screen.getByRole('button', { name: /^Regenerate/ }));
    await waitFor(() => expect(api.runs).toHaveLength(2));
    expect(api.runs[1]?.params).toEqual(api.runs[0]?.params);
    await user.click(run);
    expect(await screen.findByRole('alert')).toHaveTextContent('Enter a model name to run');
    expect(api.runs).toHaveLength(2);
  });
});
