/**
 * Long outputs are drawn as a column of blocks so that appending a delta re-lays out (and re-shapes) only the last,
 * short block, not the whole 200,000-character text. A block closes after a newline once it holds SOFT characters
 * (an invisible split); a line running past HARD characters closes after a space instead (the line then wraps a
 * little early), or at HARD exactly when it has no space at all.
 */
const SOFT_BLOCK = 1024;
const HARD_BLOCK = 2048;

function nextEnd(text: string, start: number, soft: number, hard: number): number | undefined {
  const nl = text.indexOf('\n', start + soft - 1);
  if (nl !== -1 && nl + 1 - start <= hard) return nl + 1;
  if (text.length - start < hard) return undefined;
  const space = text.lastIndexOf(' ', start + hard - 1);
  return space > start + soft ? space + 1 : start + hard;
}

/**
 * Extends the closed-block ends of an append-only text; earlier ends never move, the tail stays open. Returns `ends`
 * itself when no block closed, so callers can tell by identity.
 */
export function extendBlockEnds(
  text: string,
  ends: readonly number[],
  soft = SOFT_BLOCK,
  hard = HARD_BLOCK,
): readonly number[] {
  let out: number[] | undefined;
  let start = ends[ends.length - 1] ?? 0;
  while (text.length - start >= soft) {
    const end = nextEnd(text, start, soft, hard);
    if (end === undefined) break;
    (out ??= [...ends]).push(end);
    start = end;
  }
  return out ?? ends;
}
