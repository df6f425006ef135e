import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Profiler } from 'react';
import type { Draft } from '../../../shared/schemas';
import { ApiProvider } from '../api/api-context';
import { useDraft, useDraftActions, type DraftActions } from '../state/draft-store';
import { FeatureToolbar } from '../features/feature-toolbar';
import type { FakeApi } from './fake-api';

/** What a test can reach: the user, the fake api, and the editor's draft and actions. */
export interface Rendered {
  user: ReturnType<typeof userEvent.setup>;
  api: FakeApi;
  actions: () => DraftActions;
  draft: () => Draft;
}

/**
 * Renders the toolbar inside the real ApiProvider (real draft, settings and run stores) over a fake api;
 * `onRender` counts the toolbar's (and its dialogs') React commits.
 */
export async function renderFeatures(api: FakeApi, onRender?: () => void): Promise<Rendered> {
  let actions: DraftActions | undefined;
  let draft: Draft | undefined;
  function Probe() {
    actions = useDraftActions();
    draft = useDraft();
    return <output aria-label="Editor prompt">{draft.params.prompt}</output>;
  }
  const user = userEvent.setup();
  render(
    <ApiProvider api={api}>
      <Probe />
      <Profiler id="features" onRender={() => onRender?.()}>
        <FeatureToolbar />
      </Profiler>
    </ApiProvider>,
  );
  await screen.findByRole('button', { name: 'Save preset' });
  return { user, api, actions: () => actions!, draft: () => draft! };
}
