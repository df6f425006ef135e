import { afterEach, describe, expect, it } from 'vitest';
import { createHistoryStore, csvField, CSV_COLUMNS, type FileHistoryStore } from '../../main/core/history';
import { done, entry, runId, tempDir } from './history-helpers';

/** A small RFC 4180 reader, to check that what we write parses back to the same fields. */
const parseCsv = (text: string): string[][] => {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
};

let store: FileHistoryStore | undefined;
let cleanup: (() => void) | undefined;
afterEach(async () => {
  await store?.close();
  cleanup?.();
});

const setup = () => {
  const t = tempDir();
  cleanup = t.cleanup;
  store = createHistoryStore({ dir: t.dir });
  const nasty = 'He said "hi", then\r\nleft; =SUM(A1)';
  store.start(
    entry(1, { presetName: 'Comma, "quoted"', params: { model: 'm', prompt: nasty, stream: true } }),
  );
  store.finish(runId(1), done(['line one\nline two', 'second, choice']));
  // A record written wrongly with a real key must still leave the app redacted (docs/architecture.md#write-only-key).
  store.start(
    entry(2, {
      request: {
        url: 'http://x/v1/completions',
        method: 'POST',
        headers: { Authorization: 'Bearer sk-live-SECRET', 'X-Api-Key': 'sk-other-SECRET', 'x-org': 'acme' },
        body: {},
      },
    }),
  );
  store.finish(runId(2), {
    status: 'error',
    outputs: [''],
    error: { kind: 'authentication', message: 'bad key' },
  });
  return { store, nasty };
};

describe('history export', () => {
  it('writes CSV that parses back to the same fields', () => {
    const { store, nasty } = setup();
    const csv = store.export('csv');
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(3);
    const first = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, rows[1]![i]]));
    expect(first).toMatchObject({
      id: runId(1),
      status: 'done',
      preset: 'Comma, "quoted"',
      prompt: nasty,
      output: 'line one\nline two\n---\nsecond, choice',
      finish_reasons: 'stop stop',
      total_tokens: '7',
      starred: 'false',
    });
    const second = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, rows[2]![i]]));
    expect(second).toMatchObject({ status: 'error', error: 'bad key' });
  });

  it('defuses spreadsheet formulas and quotes only when needed', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('-2', false)).toBe('-2');
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a"b')).toBe('"a""b"');
    expect(csvField(undefined)).toBe('');
  });

  it('never exports a key, in JSONL or CSV', () => {
    const { store } = setup();
    const jsonl = store.export('jsonl');
    const csv = store.export('csv');
    for (const text of [jsonl, csv]) expect(text).not.toMatch(/SECRET/);
    const lines = jsonl
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; request: { headers: object } });
    expect(lines.map((l) => l.id)).toEqual([runId(1), runId(2)]);
    expect(lines[1]!.request.headers).toEqual({
      Authorization: 'Bearer [redacted]',
      'X-Api-Key': '[redacted]',
      'x-org': 'acme',
    });
  });
});
