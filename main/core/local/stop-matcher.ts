/**
 * Finds stop sequences in streamed text. Text that could still turn into a stop sequence is held back until the
 * next piece decides it, so a stop sequence never reaches the screen, not even half of it.
 */

/** What one piece of text releases. */
export interface StopStep {
  /** Text that is final: no stop sequence can start in it any more. */
  text: string;
  /** The stop sequence found, when one was; the text before it is in `text`, nothing after it is kept. */
  matched?: string;
}

/** Holds back the longest tail of the output that is a prefix of some stop sequence. */
export class StopMatcher {
  private held = '';

  constructor(private readonly stops: readonly string[]) {}

  /** Adds generated text; returns what can be shown, and the stop sequence if the output now contains one. */
  push(piece: string): StopStep {
    const text = this.held + piece;
    let first: { at: number; stop: string } | undefined;
    for (const stop of this.stops) {
      const at = text.indexOf(stop);
      if (at !== -1 && (first === undefined || at < first.at)) first = { at, stop };
    }
    if (first) {
      this.held = '';
      return { text: text.slice(0, first.at), matched: first.stop };
    }
    const keep = this.partialTail(text);
    this.held = text.slice(text.length - keep);
    return { text: text.slice(0, text.length - keep) };
  }

  /** The held-back text, released when generation ends without a match. */
  flush(): string {
    const rest = this.held;
    this.held = '';
    return rest;
  }

  /** Length of the longest suffix of `text` that is a proper prefix of a stop sequence. */
  private partialTail(text: string): number {
    let best = 0;
    for (const stop of this.stops) {
      for (let len = Math.min(stop.length - 1, text.length); len > best; len--) {
        if (text.endsWith(stop.slice(0, len))) {
          best = len;
          break;
        }
      }
    }
    return best;
  }
}
