/**
 * Reads a whole response body as text, but never more than a given number of bytes: `response.text()` would hold
 * whatever a server sends, and a server that never ends its body would take the process's memory with it.
 */
import type { Watchdog } from './watchdog';

/** The text read, and whether the body went on past the limit (the rest was not read). */
export interface BodyText {
  text: string;
  isTruncated: boolean;
}

/** Most bytes read of an error body: its message is all we show, and a few kB of it at that. */
export const ERROR_BODY_BYTES = 1024 * 1024;

/**
 * Reads up to `maxBytes` of `body` (decoded as UTF-8), telling the watchdog about every piece. Stops reading and
 * releases the connection at the limit. Throws what the body stream throws (a network error or an abort), and when
 * the watchdog fires.
 */
export const readBodyText = async (
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  watchdog?: Watchdog,
): Promise<BodyText> => {
  if (!body) return { text: '', isTruncated: false };
  const decoder = new TextDecoder('utf-8');
  const reader = body.getReader();
  // Cancelling settles a pending read: aborting the fetch alone leaves it pending when the body had fully arrived.
  const onTimeout = () => void reader.cancel().catch(() => undefined);
  watchdog?.signal.addEventListener('abort', onTimeout, { once: true });
  let text = '';
  let bytes = 0;
  let isDone = false;
  let isTruncated = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (watchdog?.fired) throw new Error(`${watchdog.fired} timeout`);
      if (done) {
        isDone = true;
        break;
      }
      watchdog?.touch();
      const room = maxBytes - bytes;
      isTruncated = value.length > room;
      const piece = isTruncated ? value.subarray(0, room) : value;
      bytes += piece.length;
      text += decoder.decode(piece, { stream: true });
      if (isTruncated) break;
    }
    text += decoder.decode();
    return { text, isTruncated };
  } finally {
    watchdog?.signal.removeEventListener('abort', onTimeout);
    if (!isDone) await reader.cancel().catch(() => undefined);
  }
};
