// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeApi } from '../../test-support/fake-api';
import { renderFeatures } from '../../test-support/render-features';

afterEach(cleanup);

describe('view code', () => {
  it('shows curl, Python and TypeScript with only the set parameters and the key from the environment', async () => {
    const api = createFakeApi({
      draft: {
        params: { model: 'fake-model', prompt: 'Say hi', stream: true, temperature: 0.3, stop: ['\n'] },
        extraBody: { top_k: 5 },
      },
    });
    api.settings.profiles[0]!.headers = { 'X-Team': 'blue', 'X-Api-Key': 'header-secret-value' };
    const t = await renderFeatures(api);
    await waitFor(() => expect(t.draft().params.prompt).toBe('Say hi'));
    await t.user.click(screen.getByRole('button', { name: 'View code' }));
    const dialog = screen.getByRole('dialog', { name: 'View code' });
    const code = () => within(dialog).getByRole('tabpanel').querySelector('code')!.textContent;

    expect(within(dialog).getByRole('tab', { name: 'curl', selected: true })).toBeInTheDocument();
    expect(code()).toContain("curl -N 'http://127.0.0.1:9/v1/completions'");
    expect(code()).toContain('"top_k": 5');
    await t.user.click(within(dialog).getByRole('tab', { name: 'Python' }));
    expect(code()).toContain('r9_s.completions.create(');
    expect(code()).toContain('temperature=0.3,');
    within(dialog).getByRole('tab', { name: 'Python' }).focus();
    await t.user.keyboard('{ArrowRight}');
    expect(within(dialog).getByRole('tab', { name: 'TypeScript', selected: true })).toHaveFocus();
    expect(code()).toContain('process.env.R9S_API_KEY');

    for (const tab of ['curl', 'Python', 'TypeScript']) {
      await t.user.click(within(dialog).getByRole('tab', { name: tab }));
      expect(code()).toContain('R9S_API_KEY');
      expect(code()).not.toContain('header-secret-value');
      expect(code()).not.toMatch(/top_p|best_of|frequency_penalty|logit_bias/);
    }
    await t.user.click(within(dialog).getByRole('button', { name: 'Copy code' }));
    expect(await navigator.clipboard.readText()).toBe(code());
    await t.user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
