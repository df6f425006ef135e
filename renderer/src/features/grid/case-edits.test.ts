import { describe, expect, it } from 'vitest';
import { appendCases, duplicateCase, addCase, deleteCase, setCaseField, EMPTY_TABLE } from './case-edits';

describe('case table edits', () => {
  it('adds, edits, duplicates and deletes rows without touching the table given', () => {
    const one = setCaseField(addCase(EMPTY_TABLE), 'case-1', { variable: 'topic' }, 'tides');
    expect(one).toEqual({ variables: ['topic'], rows: [{ id: 'case-1', values: { topic: 'tides' } }] });
    const two = duplicateCase(setCaseField(one, 'case-1', 'expected', 'moon'), 'case-1');
    expect(two.rows.map((r) => [r.id, r.values['topic'], r.expected])).toEqual([
      ['case-1', 'tides', 'moon'],
      ['case-2', 'tides', 'moon'],
    ]);
    expect(one.rows).toHaveLength(1);
    const cleared = setCaseField(two, 'case-2', 'expected', '');
    expect(cleared.rows[1]).not.toHaveProperty('expected');
    expect(deleteCase(cleared, 'case-1').rows.map((r) => r.id)).toEqual(['case-2']);
  });

  it('appends imported cases with ids after the table’s own and their new variables', () => {
    const table = { variables: ['a'], rows: [{ id: 'case-4', values: { a: '1' } }] };
    const merged = appendCases(table, {
      variables: ['a', 'b'],
      rows: [
        { id: 'case-1', values: { a: '2', b: 'x' } },
        { id: 'case-2', values: { a: '3', b: 'y' } },
      ],
    });
    expect(merged.variables).toEqual(['a', 'b']);
    expect(merged.rows.map((r) => r.id)).toEqual(['case-4', 'case-5', 'case-6']);
  });
});
