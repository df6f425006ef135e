// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeApi } from '../test-support/fake-api';
import { renderWithApi } from '../test-support/render-with-api';
import { App } from './app';
import { SHORTCUTS } from './shortcuts';

afterEach(cleanup);

const start = async () => {
  const user = userEvent.setup();
  await renderWithApi(
    <App />,
    createFakeApi({ draft: { params: { model: 'm', prompt: '', stream: true } } }),
  );
  return user;
};

describe('keyboard', () => {
  it('reaches the prompt with one Tab and Enter: the skip link comes first', async () => {
    const user = await start();
    await user.tab();
    const skip = screen.getByRole('link', { name: 'Skip to the prompt' });
    expect(skip).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('textbox', { name: 'Prompt' })).toHaveFocus();
    expect(location.hash).toBe('');
  });

  it('opens the shortcut list with ? (not while typing) and from the top bar', async () => {
    const user = await start();
    const prompt = screen.getByRole('textbox', { name: 'Prompt' });
    await user.click(prompt);
    await user.keyboard('Why?');
    expect(prompt).toHaveValue('Why?');
    expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Keyboard shortcuts' }));
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    const rows = within(dialog).getAllByRole('row');
    expect(rows).toHaveLength(SHORTCUTS.length);
    expect(within(dialog).getByRole('rowheader', { name: 'Ctrl+Enter' })).toBeVisible();
    expect(within(dialog).getByText('Run (in Compare: Run all)')).toBeVisible();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).toBeNull();

    await user.click(screen.getByRole('button', { name: /^Run/ }));
    await user.keyboard('?');
    expect(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  });
});
