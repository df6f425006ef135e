import { describe, expect, it } from 'vitest';
import { compileCheck, runCheck, type CompiledCheck, type GridCheck } from '../../shared/grid/checks';
import type { CellResult } from '../../shared/grid/grid-types';
import { checkCell, passRates } from '../../shared/grid/pass-rates';
import { compileCheckPattern, MAX_REGEX_INPUT_CHARS } from '../../shared/grid/regex-guard';

const compiled = (check: GridCheck): CompiledCheck => {
  const c = compileCheck(check);
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
};
const run = (check: GridCheck, output: string, expected?: string) =>
  runCheck(compiled(check), output, expected).pass;

describe('checks', () => {
  it('contains and does not contain, optionally ignoring case', () => {
    expect(run({ kind: 'contains', text: 'Paris' }, 'It is Paris.')).toBe(true);
    expect(run({ kind: 'contains', text: 'paris' }, 'It is Paris.')).toBe(false);
    expect(run({ kind: 'contains', text: 'paris', ignoreCase: true }, 'It is PARIS.')).toBe(true);
    expect(run({ kind: 'not-contains', text: 'sorry' }, 'Sure!')).toBe(true);
    expect(run({ kind: 'not-contains', text: 'sorry', ignoreCase: true }, 'Sorry, no.')).toBe(false);
  });

  it('regex, maximum length and valid JSON', () => {
    expect(run({ kind: 'regex', pattern: '^\\d{3}-\\d{4}$' }, '555-1234')).toBe(true);
    expect(run({ kind: 'regex', pattern: 'yes', flags: 'i' }, 'YES')).toBe(true);
    expect(run({ kind: 'max-length', chars: 5 }, 'abcde')).toBe(true);
    expect(runCheck(compiled({ kind: 'max-length', chars: 5 }), 'abcdef', undefined)).toEqual({
      check: 'at most 5 characters',
      pass: false,
      reason: '6 characters',
    });
    expect(run({ kind: 'valid-json' }, ' {"a": [1, 2]} ')).toBe(true);
    expect(run({ kind: 'valid-json' }, '{"a": }')).toBe(false);
  });

  it('equals expected, trimmed or not, and does not apply without an expected value', () => {
    expect(run({ kind: 'equals-expected' }, 'Bonjour', 'Bonjour')).toBe(true);
    expect(run({ kind: 'equals-expected' }, ' Bonjour\n', 'Bonjour')).toBe(false);
    expect(run({ kind: 'equals-expected', trim: true }, ' Bonjour\n', 'Bonjour')).toBe(true);
    expect(run({ kind: 'equals-expected', ignoreCase: true }, 'BONJOUR', 'bonjour')).toBe(true);
    expect(runCheck(compiled({ kind: 'equals-expected' }), 'x', undefined)).toEqual({
      check: 'equals expected',
      pass: null,
      reason: 'the case has no expected value',
    });
  });

  it('refuses patterns that can backtrack forever, and bad flags', () => {
    for (const pattern of [
      '(a+)+$',
      '(a*)*b',
      '((ab)+)+',
      '(a|aa)*$',
      '(?:x+y?)+',
      '(\\w+\\s?)*$',
      '(.)\\1',
      '(?<n>a)\\k<n>',
    ]) {
      expect(compileCheckPattern(pattern).ok, pattern).toBe(false);
    }
    for (const pattern of [
      '(ab)+',
      '(a+)?',
      '(\\d{1,3}\\.){3}\\d{1,3}',
      '^(yes|no)$',
      '[(+*)]+',
      'a+b+',
      '\\(a+\\)+',
    ]) {
      expect(compileCheckPattern(pattern).ok, pattern).toBe(true);
    }
    expect(compileCheckPattern('x', 'g').ok).toBe(false);
    expect(compileCheckPattern('x', 'ii').ok).toBe(false);
    expect(compileCheckPattern('(unclosed').ok).toBe(false);
    expect(compileCheck({ kind: 'regex', pattern: '(a+)+$' })).toMatchObject({ ok: false });
  });

  it('does not run a regex on an output longer than the bound', () => {
    const long = 'a'.repeat(MAX_REGEX_INPUT_CHARS + 1);
    const started = performance.now();
    const r = runCheck(compiled({ kind: 'regex', pattern: '.*a.*a.*b' }), long, undefined);
    expect(performance.now() - started).toBeLessThan(500);
    expect(r.pass).toBeNull();
    expect(r.reason).toMatch(/too long for a regex check/);
  });

  it('refuses malformed checks', () => {
    expect(compileCheck({ kind: 'contains', text: '' }).ok).toBe(false);
    expect(compileCheck({ kind: 'nope' }).ok).toBe(false);
    expect(compileCheck({ kind: 'max-length', chars: -1 }).ok).toBe(false);
    expect(compileCheck({ kind: 'valid-json', extra: 1 }).ok).toBe(false);
  });
});

describe('pass rates', () => {
  const result = (
    caseId: string,
    columnId: string,
    output: string,
    status: CellResult['status'] = 'succeeded',
  ): CellResult => ({
    key: `${caseId}|${columnId}|0`,
    caseId,
    columnId,
    repeat: 0,
    status,
    outputs: status === 'succeeded' ? [output] : [],
    finishReasons: [],
    startedAt: 0,
    endedAt: 1,
    ...(status === 'failed' ? { error: { kind: 'server_error', message: 'boom' } } : {}),
  });
  const expected: Record<string, string> = { c1: 'Paris', c2: 'Rome' };

  it('counts a cell as passing only when every applicable check passes; failed runs do not pass', () => {
    const checks = [
      compiled({ kind: 'contains', text: 'a' }),
      compiled({ kind: 'equals-expected', trim: true }),
    ];
    const results = [
      result('c1', 'A', 'Paris'),
      result('c2', 'A', 'Roma'),
      result('c3', 'A', 'abc'),
      result('c1', 'B', 'Paris '),
      result('c2', 'B', '', 'failed'),
    ];
    const rates = passRates(checks, results, ['A', 'B', 'C'], (id) => expected[id]);
    expect(rates).toEqual([
      {
        columnId: 'A',
        evaluated: 3,
        passed: 2,
        rate: 2 / 3,
        perCheck: [
          { check: 'contains "a"', evaluated: 3, passed: 3 },
          { check: 'equals expected (trimmed)', evaluated: 2, passed: 1 },
        ],
      },
      {
        columnId: 'B',
        evaluated: 2,
        passed: 1,
        rate: 0.5,
        perCheck: [
          { check: 'contains "a"', evaluated: 2, passed: 1 },
          { check: 'equals expected (trimmed)', evaluated: 2, passed: 1 },
        ],
      },
      { columnId: 'C', evaluated: 0, passed: 0, perCheck: [expect.anything(), expect.anything()] },
    ]);
    expect(checkCell(checks, result('c2', 'B', '', 'failed'), 'Rome')[0]).toEqual({
      check: 'contains "a"',
      pass: false,
      reason: 'the run failed: boom',
    });
  });
});
