/**
 * Long outputs are drawn as a column of blocks so that appending a delta re-lays out (and re-shapes) only the last,
 * short block, not the whole 200,000-character text. A block closes after a newline once it holds SOFT characters
 * (an invisible split); a line running past HARD characters closes after a space instead (the line then wraps a
 * little early), or at HARD exactly when it has no space at all.
 */
const SOFT_BLOCK = 1024;
const HARD_BLOCK = 2048;

/**
 * The soft and hard sizes of the `index`th block of an output (from 0). The first blocks are smaller: they are the
 * ones on screen as an output starts, and a block on screen is laid out (and its text re-shaped) on every append, at a
 * cost that grows with its length. Later blocks take the full sizes, so a long output makes few of them.
 */
export function blockLimits(index: number): [soft: number, hard: number] {
  const scale = 2 ** Math.max(0, 2 - index);
  return [SOFT_BLOCK / scale, HARD_BLOCK / scale];
}

/** Where the block holding `text` (its text so far, from its start) closes, or undefined while it stays open. */
export function blockEnd(text: string, soft = SOFT_BLOCK, hard = HARD_BLOCK): number | undefined {
  if (text.length < soft) return undefined;
  const nl = text.indexOf('\n', soft - 1);
  if (nl !== -1 && nl + 1 <= hard) return nl + 1;
  if (text.length < hard) return undefined;
  const space = text.lastIndexOf(' ', hard - 1);
  return space > soft ? space + 1 : hard;
}
