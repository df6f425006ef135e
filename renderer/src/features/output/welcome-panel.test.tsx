// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { fail, ok } from '../../../../shared/result';
import { PromptRefContext } from '../prompt/prompt-ref';
import { SettingsOpenerContext, type SettingsPlace } from '../settings/settings-opener';
import { createFakeApi, type FakeApi } from '../../test-support/fake-api';
import { renderWithApi } from '../../test-support/render-with-api';
import { OutputPanel } from './output-panel';

afterEach(cleanup);

/** The output panel before any run, with Settings openings recorded. */
async function renderFirstScreen(fake: FakeApi) {
  const opened: (SettingsPlace | undefined)[] = [];
  await renderWithApi(
    <PromptRefContext.Provider value={createRef<HTMLTextAreaElement>()}>
      <SettingsOpenerContext.Provider
        value={{ openSettings: (at) => opened.push(at), isSettingsOpen: false }}
      >
        <OutputPanel />
      </SettingsOpenerContext.Provider>
    </PromptRefContext.Provider>,
    fake,
  );
  return opened;
}

describe('welcome panel', () => {
  it('says no key is set and offers a key, another server or a local model, each opening Settings there', async () => {
    const fake = createFakeApi();
    fake.getKeyStatus = (profileId) => Promise.resolve(ok({ profileId, configured: false, storage: 'none' }));
    const opened = await renderFirstScreen(fake);
    const panel = await screen.findByRole('region', { name: 'Getting started' });
    expect(panel).toHaveTextContent(/No API key is set for/);
    expect(panel).toHaveTextContent('R9S_API_KEY');
    expect(panel).toHaveTextContent('R9S_BASE_URL');
    expect(panel).toHaveTextContent('R9S_LOCAL_MODEL');
    await userEvent.click(screen.getByRole('button', { name: 'Enter an r9s API key' }));
    await userEvent.click(screen.getByRole('button', { name: 'Use another server' }));
    await userEvent.click(screen.getByRole('button', { name: 'Use a local model' }));
    expect(opened).toEqual(['key', 'profile', 'profile']);
  });

  it('shows why the model list failed as text, also when a key is set', async () => {
    const fake = createFakeApi();
    fake.listModels = () => Promise.resolve(fail('network', 'getaddrinfo ENOTFOUND api.r9s.ai'));
    await renderFirstScreen(fake);
    const panel = await screen.findByRole('region', { name: 'Getting started' });
    expect(panel).toHaveTextContent(
      /The model list could not be loaded from .*: getaddrinfo ENOTFOUND api\.r9s\.ai/,
    );
    expect(panel).not.toHaveTextContent('No API key');
  });

  it('keeps to the one-line hint when the profile has a key and its models load', async () => {
    const fake = createFakeApi();
    await renderFirstScreen(fake);
    expect(await screen.findByText(/Write a prompt and press/)).toBeVisible();
    expect(screen.queryByRole('region', { name: 'Getting started' })).toBeNull();
  });
});
