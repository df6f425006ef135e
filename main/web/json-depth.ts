/** Deepest nesting of arrays and objects a request body may have; real bodies (an extra body's JSON) use far less. */
export const MAX_BODY_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;

/**
 * Whether JSON text nests arrays and objects more than `max` levels deep, found in one pass over the text before
 * it is parsed. JSON.parse copes with any depth, but the schemas that check a body recurse, and a body a million
 * levels deep overflows their stack: that must be refused as bad input, not fail as a server error.
 */
export const isNestedDeeperThan = (text: string, max: number): boolean => {
  let depth = 0;
  let isInString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isInString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) isInString = false;
    } else if (c === QUOTE) isInString = true;
    else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth > max) return true;
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) depth--;
  }
  return false;
};
