/** Milliseconds as "850 ms" or "1.24 s". */
export const formatMs = (ms: number): string =>
  ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;

/** A count with thousands separators. */
export const formatCount = (n: number): string => n.toLocaleString('en-US');
