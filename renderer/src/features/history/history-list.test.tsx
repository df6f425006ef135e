// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HistorySummary } from '../../../../shared/api';
import type { CompletionParams } from '../../../../shared/params';
import { briefParams } from '../../../../shared/params-brief';
import { HistoryList } from './history-list';
import { paramMarks } from './history-params';
import type { HistoryPages } from './use-history-pages';

afterEach(cleanup);

// jsdom lays nothing out; give elements a size so the virtualizer renders a screenful of rows.
const sizes = ['clientHeight', 'clientWidth'] as const;
beforeAll(() => {
  for (const s of sizes)
    Object.defineProperty(HTMLElement.prototype, s, { configurable: true, get: () => 600 });
});
afterAll(() => {
  for (const s of sizes) delete (HTMLElement.prototype as unknown as Record<string, unknown>)[s];
});

const base: CompletionParams = { model: 'm', prompt: 'p', stream: true, temperature: 1, max_tokens: 256 };
const brief = (over: Partial<CompletionParams>) => briefParams({ ...base, ...over });
const texts = (row: Partial<CompletionParams>, above?: Partial<CompletionParams>) =>
  paramMarks(brief(row), above && brief(above)).map((m) => (m.isChangedFromAbove ? `*${m.text}` : m.text));

describe('the parameters a history row shows', () => {
  it('shows what differs from the defaults, in table order, and nothing for a default run', () => {
    expect(texts({})).toEqual([]);
    expect(texts({ top_p: 0.9, temperature: 0.6 })).toEqual(['temp 0.6', 'top_p 0.9']);
    expect(texts({ max_tokens: undefined, stream: false, echo: true, stop: ['a', 'b'] })).toEqual([
      'max_tokens not set',
      'stop ×2',
      'echo on',
      'stream off',
    ]);
  });

  it('marks what changed from the row above, even back to a default', () => {
    expect(
      texts({ temperature: 0.6, top_p: 0.9, seed: 7 }, { temperature: 0.2, top_p: 0.9, seed: 7 }),
    ).toEqual(['*temp 0.6', 'top_p 0.9', 'seed 7']);
    expect(texts({ top_p: 0.9 }, { temperature: 0.2, top_p: 0.9 })).toEqual(['*temp 1', 'top_p 0.9']);
    expect(texts({}, { top_p: 0.9 })).toEqual(['*top_p not set']);
    expect(paramMarks(undefined, brief({}))).toEqual([]);
  });
});

describe('history list', () => {
  it("tells a sweep's runs apart: each row names its parameters, bold where the row above differs", async () => {
    const sweep = [0.2, 0.6, 1].flatMap((temperature) =>
      [0.9, 1].map((top_p) => ({ temperature, top_p, seed: 42 })),
    );
    const rows: HistorySummary[] = sweep.map((params, i) => ({
      id: `run-${String(i).padStart(6, '0')}`,
      startedAt: 1_700_000_000_000 + i,
      status: 'done',
      model: 'fake-model',
      profileName: 'Local',
      promptPreview: 'Same prompt',
      outputPreview: '',
      starred: false,
      paramsBrief: brief(params),
    }));
    const pages: HistoryPages = {
      total: rows.length,
      rowAt: (i) => rows[i],
      ensure: () => undefined,
      patch: () => undefined,
      reload: () => undefined,
      isLoading: false,
    };
    render(<HistoryList pages={pages} onSelect={() => undefined} />);
    const options = await screen.findAllByRole('option');
    const shown = options.map((o) => o.querySelector('.history-params')?.textContent);
    expect(shown).toEqual([
      'temp 0.2 · top_p 0.9 · seed 42',
      'temp 0.2 · top_p 1 · seed 42',
      'temp 0.6 · top_p 0.9 · seed 42',
      'temp 0.6 · top_p 1 · seed 42',
      'temp 1 · top_p 0.9 · seed 42',
      'top_p 1 · seed 42',
    ]);
    // Every row reads differently, and the row after the first marks exactly what changed.
    expect(new Set(shown).size).toBe(rows.length);
    const bold = options.map((o) => [...o.querySelectorAll('strong')].map((s) => s.textContent));
    expect(bold).toEqual([
      [],
      ['top_p 1'],
      ['temp 0.6', 'top_p 0.9'],
      ['top_p 1'],
      ['temp 1', 'top_p 0.9'],
      ['top_p 1'],
    ]);
  });
});
