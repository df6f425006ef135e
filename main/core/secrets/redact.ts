/**
 * Replaces known secrets in text: whole texts (exports, log lines, events) and streamed text, where a key may
 * arrive split over several deltas (docs/architecture.md#write-only-key).
 */

/** Written in place of a secret. */
export const REDACTED = '[redacted]';

const replaceAll = (text: string, needle: string): string =>
  text.includes(needle) ? text.split(needle).join(REDACTED) : text;

/** Every secret replaced, as is and as JSON escapes it (a key inside a serialized event or export). */
export const redactSecrets = (text: string, secrets: readonly string[]): string => {
  let out = text;
  for (const secret of secrets) {
    out = replaceAll(out, secret);
    const escaped = JSON.stringify(secret).slice(1, -1);
    if (escaped !== secret) out = replaceAll(out, escaped);
  }
  return out;
};

/** Length of the longest end of `text` that is the start of a secret (and could become one with more text). */
const openPrefix = (text: string, secrets: readonly string[]): number => {
  let longest = 0;
  for (const secret of secrets) {
    const first = secret.charCodeAt(0);
    for (let i = Math.max(0, text.length - secret.length + 1); i < text.length - longest; i++) {
      if (text.charCodeAt(i) === first && secret.startsWith(text.slice(i))) {
        longest = text.length - i;
        break;
      }
    }
  }
  return longest;
};

/** Redacts streamed text per choice. */
export interface StreamRedactor {
  /** The text of a delta, redacted, minus an end held back until the next delta shows whether it starts a key. */
  push(choice: number, text: string): string;
  /** What is still held back, per choice, at the end of the run (it did not become a key). */
  flush(): [choice: number, text: string][];
}

/** Creates a stream redactor over the current list of secrets (read on every delta, so new keys count at once). */
export const createStreamRedactor = (secrets: () => readonly string[]): StreamRedactor => {
  const held = new Map<number, string>();
  return {
    push(choice, text) {
      const list = secrets();
      if (list.length === 0 && held.size === 0) return text;
      const before = held.get(choice);
      held.delete(choice);
      const all = redactSecrets(before === undefined ? text : before + text, list);
      const keep = openPrefix(all, list);
      if (keep === 0) return all;
      held.set(choice, all.slice(all.length - keep));
      return all.slice(0, all.length - keep);
    },
    flush() {
      const rest = [...held];
      held.clear();
      return rest;
    },
  };
};
