// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HistoryEntry } from '../../../../shared/api';
import type { CompletionParams } from '../../../../shared/params';
import { buildBody } from '../../../../shared/request-body';
import { createFakeApi } from '../../test-support/fake-api';
import { renderFeatures } from '../../test-support/render-features';

// jsdom lays nothing out; give elements a size so the virtualizer renders a screenful of rows.
const sizes = ['clientHeight', 'clientWidth'] as const;
beforeAll(() => {
  for (const s of sizes)
    Object.defineProperty(HTMLElement.prototype, s, { configurable: true, get: () => 480 });
});
afterAll(() => {
  for (const s of sizes) delete (HTMLElement.prototype as unknown as Record<string, unknown>)[s];
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const paramsOf = (n: number): CompletionParams => ({
  model: 'fake-model',
  prompt: `prompt ${n}`,
  stream: true,
  temperature: n / 10,
});

const entry = (n: number, over: Partial<HistoryEntry> = {}): HistoryEntry => ({
  id: `run-${String(n).padStart(6, '0')}`,
  startedAt: 1_700_000_000_000 + n * 1000,
  status: 'done',
  model: 'fake-model',
  profileName: 'Local',
  promptPreview: `prompt ${n}`,
  outputPreview: `output ${n}`,
  starred: false,
  params: paramsOf(n),
  extraBody: { top_k: n },
  profileId: 'p1',
  request: {
    url: 'http://127.0.0.1:9/v1/completions',
    method: 'POST',
    headers: {},
    body: buildBody(paramsOf(n), { top_k: n }),
  },
  outputs: [`output ${n}`],
  ...over,
});

const draft = {
  params: { model: 'fake-model', prompt: 'current prompt', stream: false, temperature: 1.5, seed: 9 },
};

describe('history', () => {
  it('lists thousands of runs virtualized, newest first, and searches', async () => {
    const api = createFakeApi({ draft, history: Array.from({ length: 3000 }, (_, i) => entry(i + 1)) });
    const t = await renderFeatures(api);
    await t.user.click(screen.getByRole('button', { name: 'History' }));
    const list = await screen.findByRole('listbox', { name: 'History' });
    await within(list).findByText('prompt 3000');
    const rendered = within(list).getAllByRole('option');
    expect(rendered.length).toBeGreaterThan(3);
    expect(rendered.length).toBeLessThan(60);
    expect(rendered[0]).toHaveAttribute('aria-setsize', '3000');
    await t.user.type(screen.getByRole('searchbox', { name: 'Search history' }), 'prompt 2999');
    await waitFor(() =>
      expect(
        within(list)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual([expect.stringContaining('prompt 2999')]),
    );
  });

  it('restores, re-runs exactly and re-runs with the current settings', async () => {
    const api = createFakeApi({ draft, history: [entry(1), entry(2)] });
    const t = await renderFeatures(api);
    await waitFor(() => expect(t.draft().params.prompt).toBe('current prompt'));
    const open = async (n: number) => {
      await t.user.click(screen.getByRole('button', { name: 'History' }));
      await t.user.click(await screen.findByText(`prompt ${n}`));
      return screen.findByRole('article', { name: 'Run details' });
    };

    await t.user.click(within(await open(1)).getByRole('button', { name: 'Restore' }));
    expect(t.draft()).toEqual({ params: entry(1).params, extraBody: { top_k: 1 } });
    expect(api.runs).toHaveLength(0);

    await t.user.click(within(await open(2)).getByRole('button', { name: 'Re-run exactly' }));
    await waitFor(() => expect(api.runs).toHaveLength(1));
    expect(api.runs[0]).toMatchObject({ params: entry(2).params, extraBody: { top_k: 2 } });

    t.actions().patchParams({ temperature: 0.05, prompt: 'changed' });
    await t.user.click(within(await open(1)).getByRole('button', { name: 'Re-run with current settings' }));
    await waitFor(() => expect(api.runs).toHaveLength(2));
    expect(api.runs[1]?.params).toMatchObject({ prompt: 'prompt 1', temperature: 0.05, model: 'fake-model' });
    expect(api.runs[1]?.extraBody).toEqual({ top_k: 2 });
  });

  it('links a branch run to the run it branched from, and says when that run is gone', async () => {
    const branch = entry(2, { parentRunId: entry(1).id });
    const orphan = entry(3, { parentRunId: 'run-999999' });
    const api = createFakeApi({ draft, history: [entry(1), branch, orphan] });
    const t = await renderFeatures(api);
    await t.user.click(screen.getByRole('button', { name: 'History' }));
    await t.user.click(await screen.findByText('prompt 2'));
    const detail = await screen.findByRole('article', { name: 'Run details' });
    await t.user.click(within(detail).getByRole('button', { name: 'Open parent run' }));
    await waitFor(() =>
      expect(screen.getByRole('article', { name: 'Run details' })).toHaveTextContent('prompt 1'),
    );
    expect(
      within(screen.getByRole('article', { name: 'Run details' })).queryByRole('button', {
        name: 'Open parent run',
      }),
    ).toBeNull();

    await t.user.click(screen.getByText('prompt 3'));
    const third = await screen.findByRole('article', { name: 'Run details' });
    await waitFor(() => expect(third).toHaveTextContent('prompt 3'));
    await t.user.click(
      within(screen.getByRole('article', { name: 'Run details' })).getByRole('button', {
        name: 'Open parent run',
      }),
    );
    expect(await screen.findByText(/The parent run is no longer in history/)).toBeVisible();
  });

  it('says when re-running cannot send the recorded body (a record from an older build)', async () => {
    const old = entry(2, {
      params: { ...paramsOf(2), stop: [] },
      // An older builder sent the empty stop list; this one leaves it out.
      request: { ...entry(2).request, body: { ...entry(2).request.body, stop: [] } },
    });
    const api = createFakeApi({ draft, history: [entry(1), old] });
    const t = await renderFeatures(api);
    await t.user.click(screen.getByRole('button', { name: 'History' }));
    await t.user.click(await screen.findByText('prompt 1'));
    const exact = await screen.findByRole('article', { name: 'Run details' });
    expect(within(exact).queryByText(/recorded by an earlier version/)).toBeNull();
    await t.user.click(screen.getByText('prompt 2'));
    await waitFor(() =>
      expect(screen.getByRole('article', { name: 'Run details' })).toHaveTextContent(
        'recorded by an earlier version',
      ),
    );
  });

  it('stars, deletes, exports and sets retention', async () => {
    const urls: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      urls.push(b as Blob);
      return 'blob:x';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const api = createFakeApi({ draft, history: [entry(1), entry(2)] });
    const t = await renderFeatures(api);
    await t.user.click(screen.getByRole('button', { name: 'History' }));
    await t.user.click(await screen.findByText('prompt 2'));
    const details = await screen.findByRole('article', { name: 'Run details' });
    await t.user.click(within(details).getByRole('button', { name: 'Star' }));
    await waitFor(() => expect(api.history.find((h) => h.id === entry(2).id)?.starred).toBe(true));
    expect(within(details).getByRole('button', { name: 'Starred' })).toHaveAttribute('aria-pressed', 'true');
    await t.user.click(within(details).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(api.history.map((h) => h.id)).toEqual([entry(1).id]));

    await t.user.click(screen.getByRole('button', { name: 'Export JSONL' }));
    await t.user.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(urls.map((b) => b.type)).toEqual(['application/x-ndjson', 'text/csv']));

    const retention = screen.getByRole('textbox', { name: 'Keep at most (runs)' });
    await t.user.clear(retention);
    await t.user.type(retention, '250');
    await t.user.click(screen.getByRole('button', { name: 'Save retention' }));
    await waitFor(() => expect(api.settings.historyRetention).toBe(250));
  });
  it('shows a recorded error as the main output does: the message, its facts and what to do', async () => {
    const failed = entry(7, {
      status: 'error',
      outputs: ['partial words'],
      error: { kind: 'authentication', status: 401, message: 'Incorrect API key provided.' },
    });
    const api = createFakeApi({ draft, history: [failed] });
    const t = await renderFeatures(api);
    await t.user.click(screen.getByRole('button', { name: 'History' }));
    await t.user.click(await screen.findByText('prompt 7'));
    const details = await screen.findByRole('article', { name: 'Run details' });
    const alert = within(details).getByRole('alert', { name: 'Run error' });
    expect(alert).toHaveTextContent('Incorrect API key provided.');
    expect(alert).toHaveTextContent('HTTP status401');
    expect(alert).toHaveTextContent('Check the API key for this profile in Settings');
    expect(alert).toHaveTextContent('partial output kept below');
    expect(details).toHaveTextContent('partial words');
    expect(details).toHaveTextContent('incomplete (failed)');
  });

  it('draws a recorded run like a live one: echoed prompt shaded, finish reason and stop hit', async () => {
    const echoed = entry(8, {
      params: { model: 'fake-model', prompt: 'prompt 8', stream: true, echo: true },
      outputs: ['prompt 8 and its answer'],
      choices: [{ index: 0, finishReason: 'stop', matchedStop: '\n' }],
    });
    const api = createFakeApi({ draft, history: [echoed] });
    const t = await renderFeatures(api);
    await t.user.click(screen.getByRole('button', { name: 'History' }));
    await t.user.click(await screen.findByText('prompt 8'));
    const details = await screen.findByRole('article', { name: 'Run details' });
    expect(within(details).getByTitle('Echoed prompt')).toHaveTextContent(/^prompt 8$/);
    expect(within(details).getByText(/finish: stop/)).toHaveTextContent('finish: stop · matched ↵');
    expect(within(details).queryByRole('alert')).toBeNull();
  });
});
