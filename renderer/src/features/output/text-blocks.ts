/**
 * Long outputs are drawn as a column of blocks so that appending a delta re-lays out (and re-shapes) only the last,
 * short block, not the whole 200,000-character text. A block closes after a newline once it holds SOFT characters
 * (an invisible split); a line running past HARD characters closes after a space instead (the line then wraps a
 * little early), or at HARD exactly when it has no space at all.
 */
const SOFT_BLOCK = 1024;
const HARD_BLOCK = 2048;

/** Where the block holding `text` (its text so far, from its start) closes, or undefined while it stays open. */
export function blockEnd(text: string, soft = SOFT_BLOCK, hard = HARD_BLOCK): number | undefined {
  if (text.length < soft) return undefined;
  const nl = text.indexOf('\n', soft - 1);
  if (nl !== -1 && nl + 1 <= hard) return nl + 1;
  if (text.length < hard) return undefined;
  const space = text.lastIndexOf(' ', hard - 1);
  return space > soft ? space + 1 : hard;
}
