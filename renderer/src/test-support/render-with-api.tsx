import { render, screen, type RenderResult } from '@testing-library/react';
import { useEffect, type ReactNode } from 'react';
import type { Draft } from '../../../shared/schemas';
import { ApiProvider } from '../api/api-context';
import { useDraft, useDraftSelector } from '../state/draft-store';
import type { FakeApi } from './fake-api';

function WhenLoaded({ children }: { children: ReactNode }) {
  const isLoaded = useDraftSelector((s) => s.isLoaded);
  return isLoaded ? (
    <>
      {children}
      <span data-testid="loaded" />
    </>
  ) : null;
}

function DraftSpy({ onDraft }: { onDraft: (d: Draft) => void }) {
  const draft = useDraft();
  useEffect(() => onDraft(draft), [draft, onDraft]);
  return null;
}

/** Renders `ui` inside an ApiProvider over the fake, once the draft is restored; `draft()` reads the live draft. */
export async function renderWithApi(
  ui: ReactNode,
  fake: FakeApi,
): Promise<RenderResult & { draft: () => Draft }> {
  let latest: Draft | undefined;
  const onDraft = (d: Draft) => {
    latest = d;
  };
  const result = render(
    <ApiProvider api={fake}>
      <WhenLoaded>
        {ui}
        <DraftSpy onDraft={onDraft} />
      </WhenLoaded>
    </ApiProvider>,
  );
  await screen.findByTestId('loaded');
  return {
    ...result,
    draft: () => {
      if (!latest) throw new Error('no draft yet');
      return latest;
    },
  };
}
