// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Draft } from '../../../../shared/schemas';
import { App } from '../../app/app';
import { createFakeApi } from '../../test-support/fake-api';
import { renderWithApi } from '../../test-support/render-with-api';

afterEach(cleanup);

const draft = (prompt: string, variables?: Record<string, string>): Draft => ({
  params: { model: 'fake-model', prompt, stream: true },
  ...(variables ? { variables } : {}),
});

const start = async (initial: Draft) => {
  const user = userEvent.setup();
  const api = createFakeApi({ draft: initial });
  await renderWithApi(<App />, api);
  return { user, api, run: screen.getByRole('button', { name: /^Run/ }) };
};

describe('the Variables form', () => {
  it('lists each variable as it is typed, once, and not an escaped one', async () => {
    const { user } = await start(draft(''));
    expect(screen.queryByRole('form', { name: 'Variables' })).toBeNull();
    const prompt = screen.getByRole('textbox', { name: 'Prompt' });
    await user.click(prompt);
    await user.paste('Tell {{who}} about {{ topic }} and \\{{literal}} and {{who}} again');
    const form = await screen.findByRole('form', { name: 'Variables' });
    const fields = within(form).getAllByRole('textbox');
    expect(fields.map((f) => f.getAttribute('data-variable'))).toEqual(['who', 'topic']);
  });

  it('blocks Run naming the unfilled variable, then sends the filled prompt', async () => {
    const { user, api, run } = await start(draft('Tell {{who}} about {{topic}}.', { who: 'Ada' }));
    await user.click(run);
    expect(await screen.findByRole('alert')).toHaveTextContent('Fill in the variable "topic"');
    const topic = within(screen.getByRole('form', { name: 'Variables' })).getAllByRole('textbox')[1]!;
    expect(topic).toHaveFocus();
    expect(api.runs).toEqual([]);

    await user.type(topic, 'engines');
    expect(screen.queryByRole('alert')).toBeNull();
    await user.click(run);
    await waitFor(() => expect(api.runs).toHaveLength(1));
    expect(api.runs[0]?.params.prompt).toBe('Tell Ada about engines.');
  });

  it('keeps the values with the draft, so they come back on the next start', async () => {
    const { user, api } = await start(draft('About {{topic}}'));
    const field = within(await screen.findByRole('form', { name: 'Variables' })).getByRole('textbox');
    await user.type(field, 'tides');
    await waitFor(() => expect(api.savedDrafts.at(-1)?.variables).toEqual({ topic: 'tides' }));
    cleanup();
    await start(api.savedDrafts.at(-1)!);
    const again = within(await screen.findByRole('form', { name: 'Variables' })).getByRole('textbox');
    expect(again).toHaveValue('tides');
  });
});
