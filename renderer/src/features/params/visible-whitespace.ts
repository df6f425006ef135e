/** Symbols that make otherwise invisible characters of a stop sequence visible on its chip. */
const SYMBOLS: Record<string, string> = { '\n': '↵', '\r': '␍', '\t': '→', ' ': '·' };

/** One drawn piece of a stop sequence: plain text, or a symbol standing for a whitespace character. */
export interface WhitespacePart {
  text: string;
  isSymbol: boolean;
}

/** Splits text into plain runs and whitespace symbols (↵ newline, → tab, · space, ␍ carriage return). */
export function visibleWhitespace(text: string): WhitespacePart[] {
  const parts: WhitespacePart[] = [];
  let plain = '';
  for (const ch of text) {
    const symbol = SYMBOLS[ch];
    if (symbol === undefined) {
      plain += ch;
      continue;
    }
    if (plain) parts.push({ text: plain, isSymbol: false });
    plain = '';
    parts.push({ text: symbol, isSymbol: true });
  }
  if (plain) parts.push({ text: plain, isSymbol: false });
  return parts;
}

/** The text with whitespace symbols, for accessible names and titles. */
export const describeWhitespace = (text: string): string =>
  visibleWhitespace(text)
    .map((p) => p.text)
    .join('');
