// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { act, cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { fail, ok } from '../../../shared/result';
import { useSettingsActions } from '../state/settings-store';
import { createFakeApi } from '../test-support/fake-api';
import { renderWithApi } from '../test-support/render-with-api';
import { NoticesBanner } from './notices-banner';

afterEach(cleanup);

function DarkButton() {
  const { update } = useSettingsActions();
  return (
    <button type="button" onClick={() => void update({ theme: 'dark' })}>
      Go dark
    </button>
  );
}

describe('notices banner', () => {
  it('shows what history reported once a run ends (a failed write), and dismisses it', async () => {
    const fake = createFakeApi();
    await renderWithApi(<NoticesBanner />, fake);
    expect(screen.queryByRole('status')).toBeNull();
    const told = 'Run history could not be written to /data/history (ENOSPC).';
    fake.getSettings = () => Promise.resolve(ok({ ...fake.settings, notices: [told] }));
    await act(async () => {
      fake.emit({
        type: 'done',
        runId: 'run-1',
        choices: [],
        metrics: { durationMs: 1, attempts: 1 },
      } as never);
      await Promise.resolve();
    });
    expect(await screen.findByText(told)).toBeVisible();
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('says a settings change was not saved, each time it happens', async () => {
    const fake = createFakeApi();
    fake.updateSettings = () => Promise.resolve(fail('storage', 'Could not save settings: EROFS'));
    await renderWithApi(
      <>
        <NoticesBanner />
        <DarkButton />
      </>,
      fake,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Go dark' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The change was not saved: Could not save settings: EROFS',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Go dark' }));
    expect(await screen.findByRole('alert')).toBeVisible();
  });
});
