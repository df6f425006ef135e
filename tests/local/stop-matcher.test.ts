/** Stop sequences in streamed text: nothing of a stop sequence is shown, even when it arrives split over tokens. */
import { describe, expect, it } from 'vitest';
import { StopMatcher } from '../../main/core/local/stop-matcher';

describe('StopMatcher', () => {
  it('passes text through when there are no stop sequences', () => {
    const m = new StopMatcher([]);
    expect(m.push('abc')).toEqual({ text: 'abc' });
    expect(m.flush()).toBe('');
  });

  it('holds back a tail that could start a stop sequence, and releases it when it does not', () => {
    const m = new StopMatcher(['END']);
    expect(m.push('the E')).toEqual({ text: 'the ' });
    expect(m.push('N')).toEqual({ text: '' });
    expect(m.push('d')).toEqual({ text: 'ENd' });
    expect(m.push(' E')).toEqual({ text: ' ' });
    expect(m.flush()).toBe('E');
  });

  it('finds a stop sequence split over pieces and keeps only the text before it', () => {
    const m = new StopMatcher(['\n\n']);
    expect(m.push('line\n')).toEqual({ text: 'line' });
    expect(m.push('\nmore')).toEqual({ text: '', matched: '\n\n' });
  });

  it('reports the stop sequence that appears first', () => {
    const m = new StopMatcher(['world', 'lo']);
    expect(m.push('hello world')).toEqual({ text: 'hel', matched: 'lo' });
  });
});
