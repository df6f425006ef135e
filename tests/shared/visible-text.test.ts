import { describe, expect, it } from 'vitest';
import { visibleText } from '../../shared/visible-text';

describe('visibleText', () => {
  it('shows every bidi control and zero-width character by its code point', () => {
    const hidden = [
      0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068,
      0x2069, 0xfeff, 0x061c,
    ];
    for (const code of hidden) {
      const hex = code.toString(16).toUpperCase().padStart(4, '0');
      expect(visibleText(`a${String.fromCodePoint(code)}b`)).toBe(`a⟨U+${hex}⟩b`);
    }
    expect(visibleText('invoice\u202Efdp.exe')).toBe('invoice⟨U+202E⟩fdp.exe');
  });

  it('leaves ordinary text alone: right-to-left letters, and a joiner that builds one emoji', () => {
    for (const text of ['Creative', 'نموذج', 'שלום', 'temp 0.7 · top_p', '👩\u200D💻 coder', '👋🏽\u200D🔥']) {
      expect(visibleText(text)).toBe(text);
    }
    expect(visibleText('a\u200D💻')).toBe('a⟨U+200D⟩💻');
  });
});
