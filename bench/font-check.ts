/**
 * Whether this machine has a font for the fake server's CJK and emoji characters (fontconfig's `fc-list`). Without
 * one, every shaping of text that holds them walks the whole fallback list and finds nothing — measured here ~20×
 * slower than ASCII text — which no desktop pays (Windows, macOS and desktop Linux all ship such fonts). The render
 * bench prints the answer with its figures, since both its pages and its ratios change with it.
 */
import { execFileSync } from 'node:child_process';

/** Code points the fake server's text holds that common base fonts lack: 東 and 🙂. */
const PROBES = [
  { name: 'CJK', charset: '6771' },
  { name: 'emoji', charset: '1f642' },
];

/** One line for the report: which of those characters have a font, and how to add the missing ones (Debian). */
export function fontLine(): string {
  const missing: string[] = [];
  for (const probe of PROBES) {
    let found = '';
    try {
      found = execFileSync('fc-list', [`:charset=${probe.charset}`, 'family'], { encoding: 'utf8' }).trim();
    } catch {
      return 'fonts: fc-list is not available, so whether CJK and emoji text have a font is unknown';
    }
    if (found === '') missing.push(probe.name);
  }
  return missing.length === 0
    ? 'fonts: CJK and emoji text have a font (as on a desktop)'
    : `fonts: no ${missing.join(' or ')} font, so shaping the fake server's text is far slower than on a desktop and ` +
        'every figure here includes it; add one: apt-get install fonts-wqy-microhei fonts-noto-color-emoji';
}
