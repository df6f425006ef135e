// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { fail, ok } from '../../../../shared/result';
import { createFakeApi } from '../../test-support/fake-api';
import { renderWithApi } from '../../test-support/render-with-api';
import { ModelPicker } from './model-picker';

afterEach(cleanup);

describe('model picker', () => {
  it('shows hidden and direction-changing characters in the listed model names', async () => {
    const fake = createFakeApi();
    fake.listModels = () =>
      Promise.resolve(ok([{ id: 'plain' }, { id: 'llama\u202E3', ownedBy: 'me\u200B' }]));
    await renderWithApi(<ModelPicker />, fake);
    await userEvent.click(screen.getByRole('textbox', { name: 'Model' }));
    const list = await screen.findByRole('listbox', { name: 'Models' });
    const option = within(list).getByRole('option', { name: /^llama⟨U\+202E⟩3/ });
    expect(option).toHaveTextContent('llama⟨U+202E⟩3me⟨U+200B⟩');
    expect(within(list).getByRole('option', { name: 'plain' })).toBeVisible();
  });

  it('says in visible text that the model list failed, not only on hover', async () => {
    const fake = createFakeApi();
    fake.listModels = () => Promise.resolve(fail('network', 'getaddrinfo ENOTFOUND api.r9s.ai'));
    const { container } = await renderWithApi(<ModelPicker />, fake);
    await screen.findByRole('button', { name: 'Reload models' });
    const status = container.querySelector('.model-status')!;
    const hidden = [...status.querySelectorAll('.sr-only')].map((el) => el.textContent).join('');
    const shown = (status.textContent ?? '').replace(hidden, '');
    expect(shown).toContain('Model list unavailable (getaddrinfo ENOTFOUND api.r9s.ai)');
  });
});
