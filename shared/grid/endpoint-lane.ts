/**
 * One endpoint's lane in the grid: the cells waiting for it, how many run on it now, and until when it backs off.
 * A 429 pauses the whole lane, because the limit belongs to the endpoint: letting every cell find that out by
 * itself would keep hitting a server that already said "slow down".
 */

/** Longest pause a lane takes by itself (without a Retry-After) and the first such pause. */
export const MAX_BACKOFF_MS = 60_000;
export const FIRST_BACKOFF_MS = 1_000;

/** A FIFO of waiting items with a cheap push to the front (a retried cell goes first). */
export class EndpointLane<T> {
  private items: T[] = [];
  private head = 0;
  /** Cells of this endpoint running now. */
  active = 0;
  /** Epoch ms before which no cell of this endpoint starts. */
  pausedUntil = 0;
  /** 429s in a row without a Retry-After, for the lane's own exponential backoff. */
  private streak = 0;
  /** Whether a wake-up is already scheduled for the end of the pause. */
  isWaking = false;

  constructor(readonly name: string) {}

  get size(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  pushFront(item: T): void {
    if (this.head > 0) this.items[--this.head] = item;
    else this.items.unshift(item);
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.head++;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }

  /** Pauses the lane after a 429: the server's wait when it gave one, else 1 s doubling up to a minute. */
  backOff(now: number, retryAfterMs: number | undefined): number {
    const wait =
      retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs >= 0
        ? Math.min(retryAfterMs, MAX_BACKOFF_MS)
        : Math.min(FIRST_BACKOFF_MS * 2 ** this.streak, MAX_BACKOFF_MS);
    this.streak++;
    this.pausedUntil = Math.max(this.pausedUntil, now + wait);
    return this.pausedUntil;
  }

  /** A success ends a run of 429s. */
  recovered(): void {
    this.streak = 0;
  }
}
