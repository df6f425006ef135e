import { describe, expect, it } from 'vitest';
import { MAX_DIFF_CHARS, wordDiff } from './word-diff';

const words = (seed: number, length: number) => {
  const pool = [' the', ' model', ' café', ' 東京', ' stream', '.', ' and', ' of'];
  let out = '';
  for (let x = seed; out.length < length; x = (x * 1103515245 + 12345) % 2147483648)
    out += pool[(x >>> 16) % pool.length];
  return out;
};

describe('wordDiff', () => {
  it('marks inserted and removed words and keeps the shared ones', () => {
    const parts = wordDiff('the quick fox', 'the slow fox jumps', 1000);
    expect(parts?.filter((p) => p.added).map((p) => p.value.trim())).toEqual(['slow', 'jumps']);
    expect(parts?.filter((p) => p.removed).map((p) => p.value.trim())).toEqual(['quick']);
    expect(parts?.filter((p) => !p.added && !p.removed).map((p) => p.value.trim())).toEqual(['the', 'fox']);
  });

  it('gives up (null) after its time budget on long outputs that share little, instead of taking seconds', () => {
    const a = words(1, MAX_DIFF_CHARS);
    const b = words(2, MAX_DIFF_CHARS);
    const started = performance.now();
    expect(wordDiff(a, b, 20)).toBeNull();
    // Generous bound: the point is "about its budget", not seconds.
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('diffs only the first MAX_DIFF_CHARS characters', () => {
    const base = words(3, MAX_DIFF_CHARS);
    const parts = wordDiff(`${base} tail one`, `${base} tail two`, 1000);
    expect(parts?.map((p) => p.value).join('')).toBe(base.slice(0, MAX_DIFF_CHARS));
  });
});
