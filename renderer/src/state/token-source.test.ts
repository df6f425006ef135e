import { describe, expect, it } from 'vitest';
import type { TokenLogprob } from '../../../shared/token-logprobs';
import { appendTokens, tokenArray, TokenList } from './token-source';

const tok = (token: string): TokenLogprob => ({ token, logprob: -0.5, top: [] });
const words = (list: TokenList) => list.toArray().map((t) => t.token);
const byIndex = (list: TokenList) => Array.from({ length: list.length }, (_, i) => list.at(i)?.token);

describe('TokenList', () => {
  it('grows batch by batch while every earlier snapshot keeps exactly its own tokens', () => {
    const snapshots = [TokenList.EMPTY];
    const expected: string[][] = [[]];
    for (let batch = 0; batch < 50; batch++) {
      const more = Array.from({ length: (batch % 7) + 1 }, (_, i) => tok(`${batch}.${i}`));
      snapshots.push(snapshots.at(-1)!.append(more));
      expected.push([...expected.at(-1)!, ...more.map((t) => t.token)]);
    }
    snapshots.forEach((list, i) => {
      expect(list.length).toBe(expected[i]!.length);
      expect(words(list)).toEqual(expected[i]);
      expect(byIndex(list)).toEqual(expected[i]);
      // Past its end a snapshot has nothing, though the shared store holds more.
      expect(list.at(list.length)).toBeUndefined();
      expect(list.at(-1)).toBeUndefined();
    });
  });

  it('appending to an older snapshot branches off without changing the newer one', () => {
    const a = TokenList.of([tok('a'), tok('b')]);
    const newer = a.append([tok('c')]);
    const branch = a.append([tok('x'), tok('y')]);
    expect(words(newer)).toEqual(['a', 'b', 'c']);
    expect(words(branch)).toEqual(['a', 'b', 'x', 'y']);
    expect(words(a)).toEqual(['a', 'b']);
    // Both keep growing on their own.
    expect(words(newer.append([tok('d')]))).toEqual(['a', 'b', 'c', 'd']);
    expect(words(branch.append([tok('z')]))).toEqual(['a', 'b', 'x', 'y', 'z']);
  });

  it('gives one array per snapshot, unchanged by later appends; of() copies its input', () => {
    const input = [tok('a')];
    const list = TokenList.of(input);
    input.push(tok('b'));
    expect(list.length).toBe(1);
    const array = list.toArray();
    list.append([tok('c')]);
    expect(list.toArray()).toBe(array);
    expect(array.map((t) => t.token)).toEqual(['a']);
    expect(list.append([])).toBe(list);
    expect(tokenArray(list)).toBe(array);
    expect(tokenArray(input)).toBe(input);
  });
});

describe('appendTokens', () => {
  it('grows only the choices a batch touched and keeps the others as they were', () => {
    const first = appendTokens({}, [
      { choice: 0, logprobs: [tok('a')] },
      { choice: 1, logprobs: [tok('x')] },
    ])!;
    const second = appendTokens(first, [
      { choice: 0, logprobs: [tok('b')] },
      { choice: 0, logprobs: [tok('c')] },
    ])!;
    expect(second.tokens?.map(words)).toEqual([['a', 'b', 'c'], ['x']]);
    expect(second.tokens?.[1]).toBe(first.tokens?.[1]);
    expect(first.tokens?.map(words)).toEqual([['a'], ['x']]);
    expect(appendTokens(second, [{ choice: 0 }])).toBeUndefined();
  });
});
