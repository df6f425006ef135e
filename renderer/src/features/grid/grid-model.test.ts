import { describe, expect, it } from 'vitest';
import { resultsData } from '../../test-support/results-data';
import { groupRuns, PREVIEW_CHARS, previewOf, rowDiffers, shownRun } from './grid-model';

describe('grid model', () => {
  it('groups runs by case and column in repeat order, and shows the first run', () => {
    const data = resultsData({ a: [['x', 'y', 'z'], 'w'] });
    const runs = groupRuns({ ...data, results: [...data.results].reverse() });
    expect(
      runs
        .get('a')
        ?.get('col-1')
        ?.map((r) => r.repeat),
    ).toEqual([0, 1, 2]);
    expect(shownRun(runs, 'a', 'col-1')?.outputs).toEqual(['x']);
    expect(shownRun(runs, 'a', 'col-9')).toBeUndefined();
  });

  it('a row differs when its shown outputs differ, a failure counting as an outcome; missing cells do not count', () => {
    const data = resultsData({ same: ['p', 'p'], diff: ['p', 'q'], failed: ['p', null], half: ['p'] });
    const runs = groupRuns(data);
    const ids = data.columns.map((c) => c.id);
    expect(['same', 'diff', 'failed', 'half'].filter((id) => rowDiffers(runs, id, ids))).toEqual([
      'diff',
      'failed',
    ]);
  });

  it('previews the first three lines, or the first characters of a long line, and says when it cut', () => {
    expect(previewOf('a\nb\nc')).toEqual({ text: 'a\nb\nc', isCut: false });
    expect(previewOf('a\nb\nc\nd\ne')).toEqual({ text: 'a\nb\nc', isCut: true });
    const long = 'x'.repeat(PREVIEW_CHARS + 5);
    expect(previewOf(long)).toEqual({ text: 'x'.repeat(PREVIEW_CHARS), isCut: true });
    expect(previewOf('')).toEqual({ text: '', isCut: false });
  });
});
