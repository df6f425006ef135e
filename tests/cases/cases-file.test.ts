import { describe, expect, it } from 'vitest';
import type { CaseSet } from '../../shared/cases/case-set';
import {
  CASES_FILE_FORMAT,
  parseCasesFile,
  serializeCasesFile,
  validateCasesFile,
} from '../../shared/cases/cases-file';
import type { Result } from '../../shared/result';

const errorOf = (r: Result<unknown>): string => (r.ok ? '' : r.error.message);

const set: CaseSet = {
  name: 'Greetings',
  variables: ['text', 'lang'],
  rows: [
    { id: 'case-1', values: { lang: 'fr', text: 'Hello' }, expected: 'Bonjour' },
    { id: 'case-2', values: { text: 'Bye' }, notes: 'no language on purpose' },
  ],
};

describe('the case-set file', () => {
  it('writes a diff-friendly file: fixed key order, values in column order, 2-space indent, trailing newline', () => {
    const text = serializeCasesFile(set);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "format": "r9s-playground/cases",\n  "version": 1,\n  "name": "Greetings",');
    expect(text.indexOf('"text": "Hello"')).toBeLessThan(text.indexOf('"lang": "fr"'));
    expect(text).not.toMatch(/exportedAt|savedAt|\d{4}-\d{2}-\d{2}T/);
    expect(serializeCasesFile(set)).toBe(text);
  });

  it('reads its own output back, filling a missing value with an empty one', () => {
    const back = parseCasesFile(serializeCasesFile(set));
    expect(back.ok && back.value.rows[1]?.values).toEqual({ text: 'Bye', lang: '' });
    expect(back.ok && back.value.rows[0]).toEqual(set.rows[0]);
  });

  it('refuses a file from a newer app clearly, before reading any of it', () => {
    const newer = { format: CASES_FILE_FORMAT, version: 2, anything: { new: 'shape' } };
    expect(errorOf(validateCasesFile(newer))).toBe(
      'version: this case set was written by a newer r9s Playground (version 2); this app reads version 1 — ' +
        'update the app to open it',
    );
    expect(errorOf(validateCasesFile({ format: CASES_FILE_FORMAT, version: '1' }))).toMatch(/^version:/);
    expect(errorOf(validateCasesFile({ format: 'r9s-playground/preset', version: 1 }))).toMatch(/^format:/);
  });

  it('refuses unknown fields by name instead of dropping them', () => {
    const text = JSON.stringify({ format: CASES_FILE_FORMAT, version: 1, ...set, apiKey: 'sk-x' });
    expect(errorOf(parseCasesFile(text))).toMatch(/apiKey/);
  });

  it('names the field of a bad row', () => {
    const bad = (rows: unknown) =>
      parseCasesFile(JSON.stringify({ format: CASES_FILE_FORMAT, version: 1, ...set, rows }));
    expect(errorOf(bad([{ id: 'a b', values: {} }]))).toMatch(/^rows\.0\.id:/);
    expect(errorOf(bad([{ id: 'a', values: { other: 'x' } }]))).toMatch(
      /^rows\.0\.values\.other: not one of/,
    );
    expect(
      errorOf(
        bad([
          { id: 'a', values: {} },
          { id: 'a', values: {} },
        ]),
      ),
    ).toMatch(/^rows\.1\.id: duplicate/);
    expect(errorOf(bad([{ id: 'a', values: { text: 5 } }]))).toMatch(/^rows\.0\.values\.text:/);
  });

  it('refuses reserved keys anywhere and malformed JSON, without throwing', () => {
    const evil = `{"format":"${CASES_FILE_FORMAT}","version":1,"name":"x","variables":[],"rows":[],"__proto__":{"x":1}}`;
    expect(errorOf(parseCasesFile(evil))).toMatch(/__proto__/);
    expect(errorOf(parseCasesFile('{'))).toMatch(/not valid JSON/);
    expect(errorOf(parseCasesFile('[]'))).toMatch(/expected a JSON object/);
    expect(errorOf(parseCasesFile('"'.repeat(10)))).toMatch(/not valid JSON/);
  });
});
