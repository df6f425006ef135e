/**
 * Characters that change how a name reads without being seen: zero-width marks (U+200B–U+200D, U+FEFF), the
 * direction marks and embeddings/overrides/isolates (U+200E–U+200F, U+061C, U+202A–U+202E, U+2066–U+2069). A preset
 * named "invoice\u202Efdp.exe" would otherwise show as "invoiceexe.pdf", and two names that look the same could
 * differ.
 */
const HIDDEN = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF\u061C]/g;

const ZERO_WIDTH_JOINER = '\u200D';
/** An emoji (with its skin tone or presentation selector) ending the text before a joiner… */
const EMOJI_BEFORE = /\p{Extended_Pictographic}(?:\p{Emoji_Modifier}|\uFE0F)?$/u;
/** …and one starting the text after it: such a joiner builds one emoji (👩‍💻) and hides nothing. */
const EMOJI_AFTER = /^\p{Extended_Pictographic}/u;

const shown = (c: string, at: number, text: string): string => {
  const isEmojiJoiner =
    c === ZERO_WIDTH_JOINER &&
    EMOJI_BEFORE.test(text.slice(Math.max(0, at - 4), at)) &&
    EMOJI_AFTER.test(text.slice(at + 1, at + 3));
  return isEmojiJoiner ? c : `⟨U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}⟩`;
};

/** A name as it is stored, with every bidi control and zero-width character shown as `⟨U+XXXX⟩`. */
export const visibleText = (text: string): string => text.replace(HIDDEN, shown);
