import { describe, expect, it } from 'vitest';
import {
  caseFileKind,
  detectCaseFormat,
  exportCaseText,
  importCaseFile,
  importCaseText,
  type CaseTextFormat,
} from '../../shared/cases/case-import';
import { MAX_CELL_BYTES, type CaseTable } from '../../shared/cases/case-set';
import type { Result } from '../../shared/result';

const valueOf = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const errorOf = (r: Result<unknown>): string => (r.ok ? '' : r.error.message);

/** A seeded PRNG (mulberry32) so a failing round trip can be replayed. */
const rng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const NASTY = [
  '=',
  '+',
  '-',
  '@',
  '\t',
  '\r',
  '\n',
  '\r\n',
  '"',
  "'",
  ',',
  ' ',
  'é',
  '東',
  '🙂',
  '\u0000',
  'a',
  '{{x}}',
];
const nastyText = (rand: () => number): string => {
  let s = '';
  const len = Math.floor(rand() * 12);
  for (let i = 0; i < len; i++) s += NASTY[Math.floor(rand() * NASTY.length)];
  return s;
};

const hostileTable = (seed: number): CaseTable => {
  const rand = rng(seed);
  const variables = ['text', 'lang', 'x.y-z_1'];
  const rows = Array.from({ length: 20 }, (_, i) => ({
    id: `case-${i + 1}`,
    values: Object.fromEntries(variables.map((v) => [v, nastyText(rand)])),
    ...(rand() < 0.5 ? { expected: `${nastyText(rand)}e` } : {}),
    ...(rand() < 0.3 ? { notes: `n${nastyText(rand)}` } : {}),
  }));
  return { variables, rows };
};

describe('case tables in CSV, TSV and JSONL', () => {
  it('imports a CSV with expected and notes columns, in any letter case', () => {
    const table = valueOf(
      importCaseText('text,Expected,lang,NOTES\r\n"Hello, world",Bonjour,fr,\r\n', 'csv'),
    );
    expect(table).toEqual({
      variables: ['text', 'lang'],
      rows: [{ id: 'case-1', values: { text: 'Hello, world', lang: 'fr' }, expected: 'Bonjour' }],
    });
  });

  it.each<CaseTextFormat>(['csv', 'tsv', 'jsonl'])('round-trips hostile content through %s', (format) => {
    for (let seed = 1; seed <= 25; seed++) {
      const table = hostileTable(seed);
      const text = exportCaseText(table, format);
      expect(valueOf(importCaseText(text, format))).toEqual(table);
      expect(detectCaseFormat(text)).toBe(format);
    }
  });

  it('neutralises formulas in CSV and TSV exports, and imports them back as typed', () => {
    const table: CaseTable = {
      variables: ['a', '-b'],
      rows: [
        { id: 'case-1', values: { a: '=HYPERLINK("http://evil","x")', '-b': '@SUM(1)' }, expected: '+1' },
      ],
    };
    for (const format of ['csv', 'tsv'] as const) {
      const text = exportCaseText(table, format);
      for (const cell of text.split(/\r\n|\t|,(?=(?:[^"]*"[^"]*")*[^"]*$)/)) {
        expect(cell.replace(/^"/, '')).not.toMatch(/^[=+\-@]/);
      }
      expect(valueOf(importCaseText(text, format))).toEqual(table);
    }
  });

  it('imports UTF-8 with a BOM and CRLF line ends', () => {
    const table = valueOf(importCaseText('\uFEFFname\r\ncafé\r\n東京\r\n', 'csv'));
    expect(table.variables).toEqual(['name']);
    expect(table.rows.map((r) => r.values['name'])).toEqual(['café', '東京']);
    const jsonl = valueOf(importCaseText('\uFEFF{"name":"café"}\r\n{"name":"東京"}\r\n', 'jsonl'));
    expect(jsonl.rows.map((r) => r.values['name'])).toEqual(['café', '東京']);
  });

  it('names the line of a bad record and imports nothing', () => {
    expect(errorOf(importCaseText('a,b\n1,2\n3\n4,5\n', 'csv'))).toMatch(
      /^line 3: 1 field, but the header has 2/,
    );
    expect(errorOf(importCaseText('{"a":"1"}\n\n{"a":2\n', 'jsonl'))).toMatch(/^line 3: not valid JSON/);
    expect(errorOf(importCaseText('{"a":"1"}\n[1]\n', 'jsonl'))).toMatch(/^line 2: expected a JSON object/);
    expect(errorOf(importCaseText('{"a":{"b":1}}\n', 'jsonl'))).toMatch(/^line 1, "a": expected text/);
  });

  it('refuses bad column names with their position', () => {
    expect(errorOf(importCaseText('ok,two words\n1,2\n', 'csv'))).toMatch(
      /^line 1, column 2: "two words" is not/,
    );
    expect(errorOf(importCaseText('a,,b\n1,2,3\n', 'csv'))).toMatch(
      /^line 1, column 2: the column has no name/,
    );
    expect(errorOf(importCaseText('a,a\n1,2\n', 'csv'))).toMatch(/^line 1, column 2: "a" appears twice/);
    expect(errorOf(importCaseText('', 'csv'))).toMatch(/empty/);
  });

  it('keeps prototype keys out: as CSV columns and as JSONL keys, anywhere', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      expect(errorOf(importCaseText(`a,${key}\n1,2\n`, 'csv'))).toMatch(/line 1, column 2/);
      expect(errorOf(importCaseText(`{"a":"1"}\n{"${key}":"x"}\n`, 'jsonl'))).toMatch(
        /^line 2: .*not allowed/,
      );
      expect(errorOf(importCaseText(`{"a":"1","n":{"${key}":{"polluted":true}}}\n`, 'jsonl'))).toMatch(
        /^line 1/,
      );
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    const table = valueOf(importCaseText('{"toString":"x","hasOwnProperty":"y"}\n', 'jsonl'));
    expect(table.rows[0]?.values).toEqual({ toString: 'x', hasOwnProperty: 'y' });
  });

  it('refuses a cell over 10 MB with a message, in every format', () => {
    const huge = 'x'.repeat(MAX_CELL_BYTES + 1);
    expect(errorOf(importCaseText(`a\n${huge}\n`, 'csv'))).toMatch(
      /^line 2, field 1: the cell is larger than 10 MB/,
    );
    expect(errorOf(importCaseText(`a\tb\n1\t${huge}\n`, 'tsv'))).toMatch(/^line 2, field 2: .*10 MB/);
    expect(errorOf(importCaseText(`{"a":"${huge}"}\n`, 'jsonl'))).toMatch(/^line 1, "a": .*10 MB/);
    // Multi-byte text counts in UTF-8 bytes: 3.5 million 3-byte characters are over 10 MB.
    expect(errorOf(importCaseText(`a\n${'東'.repeat(3_500_000)}\n`, 'csv'))).toMatch(/10 MB/);
    expect(valueOf(importCaseText(`a\n${'x'.repeat(MAX_CELL_BYTES)}\n`, 'csv')).rows).toHaveLength(1);
  });

  it('fills keys a JSONL line left out with empty values', () => {
    const table = valueOf(
      importCaseText('{"a":"1"}\n{"b":2,"expected":"e"}\n{"a":null,"c":true}\n', 'jsonl'),
    );
    expect(table.variables).toEqual(['a', 'b', 'c']);
    expect(table.rows.map((r) => r.values)).toEqual([
      { a: '1', b: '', c: '' },
      { a: '', b: '2', c: '' },
      { a: '', b: '', c: 'true' },
    ]);
    expect(table.rows[1]?.expected).toBe('e');
  });
});

describe('paste detection and files', () => {
  it('tells CSV, TSV and JSONL apart', () => {
    expect(detectCaseFormat('a,b\n1,2')).toBe('csv');
    expect(detectCaseFormat('a\tb\n1\t2')).toBe('tsv');
    expect(detectCaseFormat('a\tb,c\tx\n')).toBe('tsv');
    expect(detectCaseFormat('"a,\tb",c\n')).toBe('csv');
    expect(detectCaseFormat('"a,\tb"\tc\n')).toBe('tsv');
    expect(detectCaseFormat('  \n{"a": "x"}\n')).toBe('jsonl');
    expect(detectCaseFormat('{not json},b\n')).toBe('csv');
  });

  it('reads files by their extension and names the file in errors', () => {
    expect(caseFileKind('x.CSV')).toBe('csv');
    expect(caseFileKind('team/greetings.cases.json')).toBe('cases-file');
    expect(caseFileKind('x.ndjson')).toBe('jsonl');
    expect(caseFileKind('x.txt')).toBeUndefined();
    expect(valueOf(importCaseFile('dir/greetings.tsv', 'a\n1\n')).name).toBe('greetings');
    expect(errorOf(importCaseFile('bad.csv', 'a\n"x\n'))).toMatch(/^bad\.csv: line 2: a quoted field/);
    expect(errorOf(importCaseFile('x.txt', ''))).toMatch(/^x\.txt: expected a \.csv/);
  });
});
