// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildResultLines, parseResultsJsonl, resultsToJsonl } from '../../../../shared/grid/exports';
import { createFakeApi } from '../../test-support/fake-api';
import { renderFeatures } from '../../test-support/render-features';
import { resultsData } from '../../test-support/results-data';

const sizes = ['clientHeight', 'clientWidth'] as const;
beforeAll(() => {
  for (const s of sizes)
    Object.defineProperty(HTMLElement.prototype, s, { configurable: true, get: () => 900 });
});
afterAll(() => {
  for (const s of sizes) delete (HTMLElement.prototype as unknown as Record<string, unknown>)[s];
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const data = resultsData({ a: ['<b>first</b>', 'second'], b: ['same', 'same'] });
const jsonl = resultsToJsonl(buildResultLines(data));
const draft = { params: { model: 'fake-model', prompt: 'my own prompt', stream: false, temperature: 1.5 } };

/** Captures what downloadText offers: the Blob given to createObjectURL and the file name clicked. */
const captureDownloads = () => {
  const saved: { name: string; blob: Blob }[] = [];
  let last: Blob | undefined;
  Object.assign(URL, {
    createObjectURL: (b: Blob) => ((last = b), 'blob:x'),
    revokeObjectURL: () => undefined,
  });
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    if (last) saved.push({ name: this.download, blob: last });
  });
  return saved;
};

const openImport = async () => {
  const r = await renderFeatures(createFakeApi({ draft }));
  await r.user.click(screen.getByRole('button', { name: 'Import results' }));
  return { ...r, dialog: screen.getByRole('dialog', { name: 'Results' }) };
};

describe('Import results', () => {
  it('refuses a bad file naming the line and field, and keeps the editor as it was', async () => {
    const { user, dialog, draft: current } = await openImport();
    const lines = jsonl.split('\n');
    const broken = [lines[0], lines[1]!.replace('"status":"succeeded"', '"status":"maybe"'), lines[2]].join(
      '\n',
    );
    await user.click(within(dialog).getByRole('textbox', { name: 'Or paste results lines' }));
    await user.paste(broken);
    await user.click(within(dialog).getByRole('button', { name: 'Open results' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent(/^Not a results file: line 2: status/);
    expect(within(dialog).queryByRole('grid')).toBeNull();
    expect(current().params.prompt).toBe('my own prompt');
  });

  it('refuses a file over the size cap before reading it', async () => {
    const { dialog } = await openImport();
    const file = new File(['x'], 'huge.jsonl');
    Object.defineProperty(file, 'size', { value: 60 * 1024 * 1024 });
    const text = vi.spyOn(file, 'text');
    fireEvent.change(dialog.querySelector('input[type="file"]')!, { target: { files: [file] } });
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'The file is too large (60.0 MB; at most 50 MB).',
    );
    expect(text).not.toHaveBeenCalled();
  });

  it('opens a results file from the picker in the grid and restores a cell’s exact setup into the editor', async () => {
    const { user, dialog, draft: current } = await openImport();
    const file = new File([jsonl], 'results.jsonl', { type: 'application/x-ndjson' });
    await user.upload(within(dialog).getByLabelText('Choose results file'), file);
    const grid = await within(dialog).findByRole('grid', { name: 'Results' });
    expect(within(grid).getAllByRole('row')).toHaveLength(3);
    expect(within(grid).getByText('<b>first</b>')).toBeVisible();
    const cell = within(within(grid).getAllByRole('row')[1]!).getAllByRole('gridcell')[1]!;
    await user.click(within(cell).getByRole('button', { name: 'Use this setup' }));
    expect(screen.queryByRole('dialog', { name: 'Results' })).toBeNull();
    expect(current().params).toEqual({
      model: 'model-2',
      prompt: 'Tell me about a topic',
      stream: true,
      temperature: 0.5,
    });
    expect(current().extraBody).toEqual({ top_k: 2 });
  });

  it('saves the report and the exports from the results toolbar', async () => {
    const saved = captureDownloads();
    const { user, dialog } = await openImport();
    await user.click(within(dialog).getByRole('textbox', { name: 'Or paste results lines' }));
    await user.paste(jsonl);
    await user.click(within(dialog).getByRole('button', { name: 'Open results' }));
    await within(dialog).findByRole('grid', { name: 'Results' });
    await user.click(within(dialog).getAllByRole('button', { name: 'Good' })[0]!);
    for (const name of ['Save report', 'Export CSV', 'Export JSONL', 'Export Markdown'])
      await user.click(within(dialog).getByRole('button', { name }));
    await waitFor(() => expect(saved).toHaveLength(4));
    expect(saved.map((s) => s.name.replace(/\d{4}-.*\./, 'T.'))).toEqual([
      'r9s-report-T.html',
      'r9s-results-T.csv',
      'r9s-results-T.jsonl',
      'r9s-results-T.md',
    ]);
    const report = await saved[0]!.blob.text();
    expect(report).toContain('&lt;b&gt;first&lt;/b&gt;');
    expect(report).toContain('Rated 👍 good');
    const reparsed = parseResultsJsonl(await saved[2]!.blob.text());
    expect(reparsed.ok && reparsed.value.map((l) => l.output)).toEqual([
      '<b>first</b>',
      'second',
      'same',
      'same',
    ]);
    expect(await saved[3]!.blob.text()).toContain('| case | topic | expected | Setup 1 | Setup 2 |');
  });
});
