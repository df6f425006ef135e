/**
 * The colour scale of the token view: probability in five bins, drawn as background tints from a colour-blind-safe
 * sequential palette (cividis-like: dark blue for unlikely, yellow for likely — distinguishable with every common
 * colour-vision deficiency, and ordered by lightness, so it also reads in greyscale). The tints are CSS variables,
 * so light and dark themes pick their own strengths.
 */

/** One bin of the scale: lower bound (inclusive) of probability, its label in the legend, its CSS class. */
export interface ScaleBin {
  min: number;
  label: string;
  className: string;
}

/** The bins, least likely first. */
export const SCALE_BINS: readonly ScaleBin[] = [
  { min: 0, label: '< 10%', className: 'tok-p0' },
  { min: 0.1, label: '10–30%', className: 'tok-p1' },
  { min: 0.3, label: '30–60%', className: 'tok-p2' },
  { min: 0.6, label: '60–90%', className: 'tok-p3' },
  { min: 0.9, label: '≥ 90%', className: 'tok-p4' },
];

/** The class of a token with this logprob; `null` (no probability, e.g. an echoed first token) has its own. */
export const binClass = (logprob: number | null): string => {
  if (logprob === null) return 'tok-none';
  const p = Math.exp(logprob);
  for (let i = SCALE_BINS.length - 1; i >= 0; i--) {
    const bin = SCALE_BINS[i];
    if (bin && p >= bin.min) return bin.className;
  }
  return 'tok-p0';
};

/** A probability as the popover shows it: two decimals under 10%, else one. */
export const formatPercent = (logprob: number): string => {
  const p = Math.exp(logprob) * 100;
  return `${p < 10 ? p.toFixed(2) : p.toFixed(1)}%`;
};

/** Whitespace made visible inside a token: ↵ newline (the line still breaks), → tab, ␍ carriage return. */
export const visibleToken = (text: string): string =>
  // Most tokens hold none of them: opening 20,000 tokens then makes no new strings.
  HAS_CONTROL.test(text) ? text.replace(/\r/g, '␍').replace(/\t/g, '→').replace(/\n/g, '↵\n') : text;
const HAS_CONTROL = /[\r\t\n]/;

/** A token's text for a label or a button: every whitespace character visible, spaces as ·. */
export const labelToken = (text: string): string =>
  text === '' ? '∅' : text.replace(/ /g, '·').replace(/\r/g, '␍').replace(/\t/g, '→').replace(/\n/g, '↵');
