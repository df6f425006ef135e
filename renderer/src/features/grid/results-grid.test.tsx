// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { giveElementsASize } from '../../test-support/jsdom-layout';
import { resultsData } from '../../test-support/results-data';
import { ResultsGrid } from './results-grid';

giveElementsASize();
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const data = resultsData(
  {
    same: ['Paris', 'Paris'],
    differs: ['The cat sat', 'The dog sat'],
    failed: ['{"ok": true}', null],
    repeated: [
      ['one', 'one', 'one'],
      ['a', 'b', 'a'],
    ],
  },
  { same: 'Paris', differs: 'The cat sat' },
);

const grid = () => screen.getByRole('grid', { name: 'Results' });
const rowOf = (caseId: string) =>
  within(grid())
    .getAllByRole('row')
    .find((r) => within(r).queryByRole('rowheader')?.textContent?.startsWith(caseId));
const cellOf = (caseId: string, column: number) => within(rowOf(caseId)!).getAllByRole('gridcell')[column]!;

describe('ResultsGrid', () => {
  it('shows a row per case and a cell per setup with output, finish reason, tokens, latency and cost', () => {
    render(<ResultsGrid data={data} />);
    expect(within(grid()).getAllByRole('row')).toHaveLength(1 + 4);
    expect(
      within(grid())
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Case', 'Setup 1model-1 · Local', 'Setup 2model-2 · Local']);
    const cell = cellOf('differs', 1);
    expect(cell).toHaveTextContent('The dog sat');
    expect(cell).toHaveTextContent('finish: stop');
    expect(cell).toHaveTextContent('4 + 7 tok');
    expect(cell).toHaveTextContent('250 ms');
    expect(cell).toHaveTextContent('$0.0020');
    expect(cellOf('failed', 1)).toHaveTextContent('Failed: HTTP 500');
  });

  it('"Only differences" keeps the rows whose outputs differ across setups', async () => {
    const user = userEvent.setup();
    render(<ResultsGrid data={data} />);
    await user.click(screen.getByRole('checkbox', { name: 'Only differences' }));
    const heads = within(grid())
      .getAllByRole('rowheader')
      .map((h) => h.querySelector('strong')?.textContent);
    expect(heads).toEqual(['differs', 'failed', 'repeated']);
    expect(screen.getByText('3 of 4 rows')).toBeVisible();
    await user.click(screen.getByRole('checkbox', { name: 'Only differences' }));
    expect(within(grid()).getAllByRole('rowheader')).toHaveLength(4);
  });

  it('shows the determinism meter of a cell with repeats', () => {
    render(<ResultsGrid data={data} />);
    expect(cellOf('repeated', 0)).toHaveTextContent('1/3 distinct');
    expect(cellOf('repeated', 1)).toHaveTextContent('2/3 distinct');
    expect(cellOf('same', 0)).not.toHaveTextContent('distinct');
  });

  it('opens a word diff of two cells of a row', async () => {
    const user = userEvent.setup();
    render(<ResultsGrid data={data} />);
    await user.click(within(rowOf('differs')!).getByRole('button', { name: 'Word diff' }));
    const dialog = screen.getByRole('dialog', { name: 'Word diff: case differs' });
    const diff = within(dialog).getByRole('group', { name: 'Differences from Setup 1 to Setup 2' });
    expect(diff.querySelector('del')).toHaveTextContent('cat');
    expect(diff.querySelector('ins')).toHaveTextContent('dog');
  });

  it('rates a cell good or bad with a note, and a second press clears it', async () => {
    const user = userEvent.setup();
    render(<ResultsGrid data={data} />);
    const cell = cellOf('same', 0);
    const good = within(cell).getByRole('button', { name: 'Good' });
    await user.click(good);
    expect(good).toHaveAttribute('aria-pressed', 'true');
    await user.type(within(cell).getByRole('textbox', { name: 'Rating note' }), 'exactly right');
    expect(within(cell).getByRole('textbox', { name: 'Rating note' })).toHaveValue('exactly right');
    await user.click(within(cell).getByRole('button', { name: 'Bad' }));
    expect(good).toHaveAttribute('aria-pressed', 'false');
    expect(within(cell).getByRole('textbox', { name: 'Rating note' })).toHaveValue('exactly right');
    await user.click(within(cell).getByRole('button', { name: 'Bad' }));
    expect(within(cell).queryByRole('textbox', { name: 'Rating note' })).toBeNull();
  });

  it('runs checks on every cell and shows the pass rate per column; a dangerous regex is refused', async () => {
    const user = userEvent.setup();
    render(<ResultsGrid data={data} />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Check kind' }), 'regex');
    await user.type(screen.getByRole('textbox', { name: 'Check value' }), '/(a+)+$/');
    await user.click(screen.getByRole('button', { name: 'Add check' }));
    expect(screen.getByRole('alert')).toHaveTextContent('may not contain another repetition');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Check kind' }), 'valid-json');
    await user.click(screen.getByRole('button', { name: 'Add check' }));
    const rates = screen.getByRole('list', { name: 'Pass rate per column' });
    // Column 1: only '{"ok": true}' is JSON among Paris, The cat sat, {"ok": true}, one ×3 → 1 of 6 runs.
    // Column 2: Paris, The dog sat, a failed run, a, b, a → none of 6.
    expect(
      within(rates)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Setup 1: 1/6 passed (17%)', 'Setup 2: 0/6 passed (0%)']);
    expect(within(cellOf('failed', 0)).getByText('checks 1/1')).toBeVisible();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Check kind' }), 'equals-expected');
    await user.click(screen.getByRole('button', { name: 'Add check' }));
    expect(within(cellOf('same', 0)).getByText('checks 1/2')).toBeVisible();
    expect(within(cellOf('repeated', 0)).getByText('checks 0/1')).toBeVisible();
  });

  it('calls onRepeat for a cell and for a row with the chosen count, onRetry for a failed cell, onUseSetup', async () => {
    const user = userEvent.setup();
    const onRepeat = vi.fn();
    const onRetry = vi.fn();
    const onUseSetup = vi.fn();
    render(<ResultsGrid data={data} onRepeat={onRepeat} onRetry={onRetry} onUseSetup={onUseSetup} />);
    const times = screen.getByRole('spinbutton', { name: 'Repeat times' });
    await user.clear(times);
    await user.type(times, '3');
    await user.click(within(cellOf('differs', 1)).getByRole('button', { name: 'Repeat' }));
    expect(onRepeat).toHaveBeenLastCalledWith({ caseId: 'differs', columnId: 'col-2' }, 3);
    await user.click(
      within(within(rowOf('same')!).getByRole('rowheader')).getByRole('button', { name: 'Repeat' }),
    );
    expect(onRepeat).toHaveBeenLastCalledWith({ caseId: 'same' }, 3);
    expect(within(cellOf('same', 0)).queryByRole('button', { name: 'Retry' })).toBeNull();
    await user.click(within(cellOf('failed', 1)).getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledWith('failed|col-2|0');
    await user.click(within(cellOf('same', 1)).getByRole('button', { name: 'Use this setup' }));
    expect(onUseSetup).toHaveBeenCalledWith(
      expect.objectContaining({ key: 'same|col-2|0', outputs: ['Paris'] }),
    );
  });

  it('hides Repeat, Retry and Use this setup when their callbacks are absent, and draws running cells', () => {
    render(<ResultsGrid data={data} running={new Set(['same|col-1|1'])} />);
    expect(within(grid()).queryByRole('button', { name: 'Repeat' })).toBeNull();
    expect(within(grid()).queryByRole('button', { name: 'Retry' })).toBeNull();
    expect(within(grid()).queryByRole('button', { name: 'Use this setup' })).toBeNull();
    expect(cellOf('same', 0)).toHaveTextContent('running…');
    expect(cellOf('same', 1)).not.toHaveTextContent('running…');
  });

  it('moves between cells with the arrow keys, one cell in the tab order', async () => {
    const user = userEvent.setup();
    render(<ResultsGrid data={data} />);
    expect(
      grid().querySelectorAll('[role="gridcell"][tabindex="0"], [role="rowheader"][tabindex="0"]'),
    ).toHaveLength(1);
    cellOf('same', 0).focus();
    await user.keyboard('{ArrowRight}');
    expect(cellOf('same', 1)).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(cellOf('differs', 1)).toHaveFocus();
    await user.keyboard('{Home}');
    expect(within(rowOf('differs')!).getByRole('rowheader')).toHaveFocus();
  });

  it('shows the first lines of a long output, and all of it on request', async () => {
    const user = userEvent.setup();
    const long = ['line 1', 'line 2', 'line 3', 'line 4 hidden at first'].join('\n');
    render(<ResultsGrid data={resultsData({ only: [long] })} />);
    const cell = within(grid()).getAllByRole('gridcell')[0]!;
    expect(cell).toHaveTextContent('line 3');
    expect(cell).not.toHaveTextContent('line 4');
    await user.click(within(cell).getByRole('button', { name: 'Show all' }));
    const dialog = screen.getByRole('dialog', { name: 'Output: only, Setup 1' });
    expect(dialog.querySelector('pre')?.textContent).toBe(long);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
