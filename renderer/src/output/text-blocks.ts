/**
 * Long outputs are drawn as a column of blocks so that appending a delta re-lays out only the last block, not the
 * whole 200,000-character text. A block closes after a newline once it holds SOFT characters (so the split is
 * invisible), or at HARD characters when a line runs on without one.
 */
export const SOFT_BLOCK = 1024;
export const HARD_BLOCK = 2048;

/** Extends the closed-block ends of an append-only text; earlier ends never move, the tail stays open. */
export function extendBlockEnds(
  text: string,
  ends: readonly number[],
  soft = SOFT_BLOCK,
  hard = HARD_BLOCK,
): number[] {
  const out = [...ends];
  let start = out[out.length - 1] ?? 0;
  for (;;) {
    if (text.length - start < soft) return out;
    const nl = text.indexOf('\n', start + soft - 1);
    if (nl !== -1 && nl + 1 - start <= hard) {
      out.push(nl + 1);
    } else if (text.length - start >= hard) {
      out.push(start + hard);
    } else {
      return out;
    }
    start = out[out.length - 1] ?? start;
  }
}

/** One drawn piece of a block: echoed prompt text or generated text. */
export interface Segment {
  text: string;
  isEcho: boolean;
}

/** Splits the range [start, end) of text into echo / generated segments around `echoLength`. */
export function blockSegments(text: string, start: number, end: number, echoLength: number): Segment[] {
  if (echoLength <= start) return [{ text: text.slice(start, end), isEcho: false }];
  if (echoLength >= end) return [{ text: text.slice(start, end), isEcho: true }];
  return [
    { text: text.slice(start, echoLength), isEcho: true },
    { text: text.slice(echoLength, end), isEcho: false },
  ];
}
