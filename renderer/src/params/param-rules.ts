import type { CompletionParams } from '../../../shared/params';

/** The inline explanation under Best of: below n (rejected), or above 1 while streaming (streaming turns off). */
export function bestOfWarning(p: Pick<CompletionParams, 'best_of' | 'n' | 'stream'>): string | undefined {
  if (p.best_of === undefined) return undefined;
  const n = p.n ?? 1;
  if (p.best_of < n) {
    return `Best of (${p.best_of}) must be at least N (${n}): the request would be rejected. Raise Best of or lower N.`;
  }
  if (p.best_of > 1 && p.stream) {
    return 'Best of > 1 cannot stream: this run is sent without streaming, and the text appears when it is complete.';
  }
  return undefined;
}
