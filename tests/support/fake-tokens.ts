/**
 * Deterministic token text of the fake server, exported so tests derive their expectations instead of hard-coding
 * them. A few words hold multi-byte UTF-8 characters so every stream also exercises split characters.
 */

const WORDS = [
  ' the',
  ' quick',
  ' brown',
  ' fox',
  ' jumps',
  ' over',
  ' a',
  ' lazy',
  ' dog',
  ' café',
  ' naïve',
  ' 東京',
  ' 🙂',
  ' and',
  ' then',
  ' sleeps',
  '.',
  ',',
  ' again',
  ' river',
];

/** FNV-1a over the prompt, so different prompts give different (but stable) streams. */
const hash = (text: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
};

/** The `count` tokens the fake server generates for one choice of a prompt. */
export const fakeTokens = (prompt: string, choiceIndex: number, count: number): string[] => {
  const seed = hash(prompt) + choiceIndex * 7919;
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(WORDS[(seed + i * (choiceIndex + 3)) % WORDS.length] ?? ' x');
  return out;
};

/** How a choice of the fake server ends once stop sequences are applied. */
export interface FakeChoice {
  /** Tokens as streamed (the last one cut short before a stop sequence). */
  tokens: string[];
  finishReason: 'stop' | 'length';
  /** The stop sequence that ended it, if any. */
  matchedStop?: string;
}

/** Applies stop sequences to a choice the way the fake server does: the text ends before the first match. */
export const fakeChoice = (
  prompt: string,
  choiceIndex: number,
  count: number,
  stop: string[] = [],
): FakeChoice => {
  const tokens = fakeTokens(prompt, choiceIndex, count);
  const out: string[] = [];
  let text = '';
  for (const token of tokens) {
    const next = text + token;
    let cut = -1;
    let matched: string | undefined;
    for (const s of stop) {
      const at = next.indexOf(s);
      if (at !== -1 && (cut === -1 || at < cut)) {
        cut = at;
        matched = s;
      }
    }
    if (cut !== -1 && matched !== undefined) {
      const head = next.slice(text.length, Math.max(cut, text.length));
      if (head !== '') out.push(head);
      return { tokens: out, finishReason: 'stop', matchedStop: matched };
    }
    out.push(token);
    text = next;
  }
  return { tokens: out, finishReason: 'length' };
};

/** The full text a non-streamed fake completion returns for one choice. */
export const fakeText = (prompt: string, choiceIndex: number, count: number, stop: string[] = []): string =>
  fakeChoice(prompt, choiceIndex, count, stop).tokens.join('');
