import { describe, expect, it } from 'vitest';
import {
  neutralizeFormula,
  parseDelimited,
  restoreFormula,
  writeDelimited,
  writeField,
} from '../../shared/cases/csv';
import type { Result } from '../../shared/result';

const fieldsOf = <T extends { fields: string[] }>(r: Result<T[]>): string[][] => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value.map((x) => x.fields);
};
const errorOf = (r: Result<unknown>): string => (r.ok ? '' : r.error.message);

describe('parseDelimited', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks', () => {
    const text = 'a,b,c\n"x, y","say ""hi""","two\nlines"\n';
    expect(fieldsOf(parseDelimited(text, ','))).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'two\nlines'],
    ]);
  });

  it('accepts CRLF, LF and CR line ends and a UTF-8 BOM', () => {
    for (const eol of ['\r\n', '\n', '\r']) {
      expect(fieldsOf(parseDelimited(`\uFEFFa,b${eol}1,2${eol}`, ','))).toEqual([
        ['a', 'b'],
        ['1', '2'],
      ]);
    }
    expect(fieldsOf(parseDelimited('a,b\r\n1,2', ','))).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('keeps CRLF inside a quoted field as typed', () => {
    expect(fieldsOf(parseDelimited('"a\r\nb"\r\n', ','))).toEqual([['a\r\nb']]);
  });

  it('reports the line each record starts on, counting quoted line breaks', () => {
    const r = parseDelimited('h\n"1\n2\n3"\n\nx\n', ',');
    expect(r.ok && r.value.map((x) => x.line)).toEqual([1, 2, 6]);
  });

  it('skips blank lines but keeps a quoted empty record and empty fields', () => {
    expect(fieldsOf(parseDelimited('a\n\n   \n""\n', ','))).toEqual([['a'], ['']]);
    expect(fieldsOf(parseDelimited('a,b\n,\n', ','))).toEqual([
      ['a', 'b'],
      ['', ''],
    ]);
  });

  it('splits TSV on tabs only', () => {
    expect(fieldsOf(parseDelimited('a\tb,c\n"t\tab"\t2\n', '\t'))).toEqual([
      ['a', 'b,c'],
      ['t\tab', '2'],
    ]);
  });

  it('names the line of a quote that never closes, and of text after a closing quote', () => {
    expect(errorOf(parseDelimited('a\nb\n"open\nstill open', ','))).toMatch(
      /^line 3: a quoted field is never closed/,
    );
    expect(errorOf(parseDelimited('a\n"x"y,2\n', ','))).toMatch(
      /^line 2: unexpected text after a closing quote/,
    );
  });

  it('keeps a stray quote inside an unquoted field', () => {
    expect(fieldsOf(parseDelimited('5" screen,x\n', ','))).toEqual([['5" screen', 'x']]);
  });
});

describe('formula neutralising', () => {
  it('prefixes an apostrophe to = + - @ tab and CR, and restores exactly what it changed', () => {
    for (const v of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', "'=x", "''+x"]) {
      const safe = neutralizeFormula(v);
      expect(safe).toBe(`'${v}`);
      expect(restoreFormula(safe)).toBe(v);
    }
    for (const v of ['plain', "'quoted", "it's", '', ' =x']) {
      expect(neutralizeFormula(v)).toBe(v);
      expect(restoreFormula(v)).toBe(v);
    }
  });

  it('quotes only what needs it, after neutralising', () => {
    expect(writeField('=HYPERLINK("http://x")', ',')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(writeField('a,b', ',')).toBe('"a,b"');
    expect(writeField('a,b', '\t')).toBe('a,b');
    expect(writeField('-3', ',', false)).toBe('-3');
  });

  it('writes CRLF records that parse back to the same fields', () => {
    const rows = [
      ['h1', 'h2'],
      ['=cmd|"/c calc"!A1', 'x\r\ny'],
      ['', ''],
      ['\t', '@'],
    ];
    const text = writeDelimited(rows, ',');
    expect(text.endsWith('\r\n')).toBe(true);
    const back = fieldsOf(parseDelimited(text, ',')).map((r) => r.map(restoreFormula));
    expect(back).toEqual(rows);
    for (const line of text.split('\r\n')) expect(line).not.toMatch(/^[=+\-@]/);
  });

  it('writes a lone blank field so that it is not read as a blank line', () => {
    const rows = [['v'], [''], ['  ']];
    expect(fieldsOf(parseDelimited(writeDelimited(rows, ','), ','))).toEqual(rows);
  });
});
