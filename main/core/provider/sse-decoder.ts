/**
 * Bytes in, SSE `data` payloads out: one streaming TextDecoder (chunks split inside UTF-8 characters) feeding
 * eventsource-parser's `createParser` directly. No TransformStream on this path: measured here, that pipeline lost
 * most of the parser's speed (see the toolchain notes); the hot path allocates nothing per event beyond the parser's
 * own data string.
 */
import { createParser, type EventSourceMessage, type ParseError } from 'eventsource-parser';

/** Feeds a byte stream through the decoder. */
export interface SseDecoder {
  /** Decodes one chunk of bytes; callbacks run synchronously for every event it completes. */
  push(bytes: Uint8Array): void;
  /** Flushes the end of the stream: a last event without its blank line is still delivered (lenient). */
  end(): void;
}

/** Called with an SSE field the protocol does not define; llama.cpp reports mid-stream failures as `error: {...}`. */
export type SseErrorFieldHandler = (value: string) => void;

/** Hoisted so the hot path does not allocate an options object per chunk. */
const STREAM_OPTIONS = { stream: true };

/** Largest slice of bytes decoded at once (see push). */
const SLICE_BYTES = 16 * 1024;

/**
 * Creates a decoder. `onData` gets each event's data (and its `event:` type when the server names one);
 * `onErrorField` gets the value of an `error:` line. Other unknown fields, comments (`: ping`) and `retry:` are
 * ignored, as the SSE spec says.
 */
export const createSseDecoder = (
  onData: (data: string, event: string | undefined) => void,
  onErrorField?: SseErrorFieldHandler,
): SseDecoder => {
  const text = new TextDecoder('utf-8');
  const parser = createParser({
    onEvent: (e: EventSourceMessage) => onData(e.data, e.event),
    // eventsource-parser 3 reports fields it does not know as an `unknown-field` ParseError carrying the field name
    // and value, which is exactly where llama.cpp's `error:` line lands.
    onError: (err: ParseError) => {
      if (err.type === 'unknown-field' && err.field === 'error' && onErrorField)
        onErrorField(err.value ?? '');
    },
  });
  const feed = (bytes: Uint8Array): void => {
    const chunk = text.decode(bytes, STREAM_OPTIONS);
    if (chunk !== '') parser.feed(chunk);
  };
  return {
    push: (bytes) => {
      if (bytes.length <= SLICE_BYTES) return feed(bytes);
      // Decode big reads in slices: a 64 kB read of non-Latin-1 text becomes a 128 kB two-byte string, which V8
      // puts in large-object space (and the parser copies it once more); measured, slicing doubled 64 kB throughput.
      for (let at = 0; at < bytes.length; at += SLICE_BYTES) feed(bytes.subarray(at, at + SLICE_BYTES));
    },
    end: () => {
      const rest = text.decode();
      if (rest !== '') parser.feed(rest);
      parser.feed('\n\n');
    },
  };
};
