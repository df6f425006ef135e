import { diffWords } from 'diff';

/** One piece of a word diff. */
export interface DiffPart {
  value: string;
  added?: boolean;
  removed?: boolean;
}

/** Outputs longer than this are diffed only up to it (word diff is quadratic in the worst case). */
export const MAX_DIFF_CHARS = 20_000;

/**
 * Word diff of two outputs, or null when it gave up after `timeoutMs`: two 20,000-character outputs that share little
 * (two temperatures) take seconds, and no diff is worth more than that.
 */
export function wordDiff(a: string, b: string, timeoutMs: number): DiffPart[] | null {
  const parts = diffWords(a.slice(0, MAX_DIFF_CHARS), b.slice(0, MAX_DIFF_CHARS), { timeout: timeoutMs });
  return parts ? parts.map(({ value, added, removed }) => ({ value, added, removed })) : null;
}

/** A request to the diff worker. */
export interface DiffRequest {
  id: number;
  a: string;
  b: string;
}

/** The diff worker's answer to request `id`. */
export interface DiffResponse {
  id: number;
  parts: DiffPart[] | null;
}
