import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { open, readFile, rename } from 'node:fs/promises';
import { writeInChunks, type BackgroundWriter } from './background-writer';

/**
 * Case-insensitive prompt search without holding the prompts in memory: they live lower-cased in one append-only file
 * (`id<TAB>text<LF>`), and each search streams that file through one reused buffer with Buffer.indexOf. Reading the
 * file whole instead costs a fresh 16 MB allocation at 10,000 runs, and on our VMs its page faults alone took 60–80 ms
 * per first search; streaming it takes about 10 ms, every time, with nothing to preload or keep.
 */
export interface SearchIndex {
  add(id: string, prompt: string): void;
  remove(id: string): void;
  /** Ids whose prompt contains the query (ignoring case); `isLive` filters out deleted runs. */
  match(query: string, isLive: (id: string) => boolean): Set<string>;
  /** Rewrites the file with only the live runs when it holds mostly dead lines. */
  maybeCompact(liveIds: () => Iterable<string>, liveCount: number): void;
  readonly stats: { lines: number };
}

/** Lower-cases and flattens line breaks and tabs, so a prompt fits one line and matching ignores case. */
export const normalizeSearchText = (text: string): string => text.toLowerCase().replace(/[\t\r\n]/g, ' ');

const LF = 10;
const TAB = 9;
/** Bytes read per step; the buffer grows only for a single line longer than this. */
const CHUNK_BYTES = 1 << 20;

/** Calls `onLine(id, text)` for every well-formed line of `lines` (a whole number of lines). */
const eachLine = (lines: Buffer, onLine: (id: string, text: Buffer) => void): void => {
  for (let start = 0; start < lines.length;) {
    let end = lines.indexOf(LF, start);
    if (end < 0) end = lines.length;
    const tab = lines.indexOf(TAB, start);
    if (tab > start && tab < end) onLine(lines.toString('latin1', start, tab), lines.subarray(tab + 1, end));
    start = end + 1;
  }
};

/** Adds to `found` the live ids of the lines of `lines` whose text (not id) contains `needle`. */
const matchLines = (lines: Buffer, needle: Buffer, isLive: (id: string) => boolean, found: Set<string>) => {
  let at = lines.indexOf(needle);
  while (at >= 0) {
    const start = at === 0 ? 0 : lines.lastIndexOf(LF, at - 1) + 1;
    let end = lines.indexOf(LF, at);
    if (end < 0) end = lines.length;
    const tab = lines.indexOf(TAB, start);
    // Only hits inside a line's text count (not its id, not a damaged line without a tab).
    if (tab > start && tab < at && at + needle.length <= end) {
      const id = lines.toString('latin1', start, tab);
      if (isLive(id)) found.add(id);
      at = lines.indexOf(needle, end + 1);
    } else at = lines.indexOf(needle, at + 1);
  }
};

/** Counts the lines of the file at `path` (0 when it does not exist), reading it in chunks off the main thread. */
const countLines = async (path: string): Promise<number> => {
  if (!existsSync(path)) return 0;
  const handle = await open(path, 'r');
  try {
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    let count = 0;
    for (let offset = 0; ;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, offset);
      if (bytesRead === 0) return count;
      offset += bytesRead;
      const part = chunk.subarray(0, bytesRead);
      for (let at = part.indexOf(LF); at >= 0; at = part.indexOf(LF, at + 1)) count++;
    }
  } finally {
    await handle.close();
  }
};

/** Creates the index over `path`; writes go through the shared background writer. */
export const createSearchIndex = (path: string, writer: BackgroundWriter): SearchIndex => {
  /** Prompts added since open: the file may not hold them yet (the writer is asynchronous). */
  const recent = new Map<string, string>();
  /** Lines in the file, dead ones included (for compaction); counted in the background after open. */
  let lines = 0;
  let isCounted = false;
  let isCompactionQueued = false;
  let buf: Buffer | undefined;

  writer.job(async () => {
    try {
      // Not `lines += await …`: that would read `lines` before the await and drop the adds made meanwhile.
      const counted = await countLines(path);
      lines += counted;
    } finally {
      isCounted = true;
    }
  });

  /** Streams the file's complete lines, a buffer-full at a time, to `scan` (synchronous: a search answers at once). */
  const streamLines = (scan: (lines: Buffer) => void) => {
    if (!existsSync(path)) return;
    const fd = openSync(path, 'r');
    try {
      buf ??= Buffer.allocUnsafe(CHUNK_BYTES);
      let kept = 0;
      let offset = 0;
      for (;;) {
        if (kept === buf.length) {
          const bigger = Buffer.allocUnsafe(buf.length * 2);
          buf.copy(bigger, 0, 0, kept);
          buf = bigger;
        }
        const read = readSync(fd, buf, kept, buf.length - kept, offset);
        offset += read;
        const filled = kept + read;
        // At the end of the file a last line without its LF (a write in progress) still counts.
        const complete = read === 0 ? filled : buf.lastIndexOf(LF, filled - 1) + 1;
        if (complete > 0) scan(buf.subarray(0, complete));
        if (read === 0) return;
        buf.copy(buf, 0, complete, filled);
        kept = filled - complete;
      }
    } finally {
      closeSync(fd);
    }
  };

  return {
    add(id, prompt) {
      const text = normalizeSearchText(prompt);
      recent.set(id, text);
      lines++;
      writer.append(path, `${id}\t${text}\n`);
    },
    remove(id) {
      recent.delete(id);
    },
    match(query, isLive) {
      const found = new Set<string>();
      const needle = normalizeSearchText(query);
      if (!needle) return found;
      const bytes = Buffer.from(needle, 'utf8');
      streamLines((chunk) => matchLines(chunk, bytes, isLive, found));
      for (const [id, text] of recent) if (text.includes(needle) && isLive(id)) found.add(id);
      return found;
    },
    maybeCompact(liveIds, liveCount) {
      if (isCompactionQueued || !isCounted || lines <= 2 * liveCount + 1000) return;
      isCompactionQueued = true;
      writer.job(async () => {
        try {
          const texts = new Map<string, Buffer>();
          if (existsSync(path)) eachLine(await readFile(path), (id, text) => texts.set(id, text));
          const ids = [...liveIds()];
          const tab = Buffer.from('\t');
          const lf = Buffer.from('\n');
          // Chunked, so a 10,000-run rewrite never blocks the service for long (see writeInChunks).
          await writeInChunks(`${path}.tmp`, ids.length, (k) => {
            const id = ids[k]!;
            const text = recent.get(id);
            if (text !== undefined) return `${id}\t${text}\n`;
            const old = texts.get(id);
            return old === undefined ? '' : Buffer.concat([Buffer.from(id, 'latin1'), tab, old, lf]);
          });
          await rename(`${path}.tmp`, path);
          // The new file holds the snapshot's runs; runs added meanwhile stay in `recent` and append after it.
          for (const id of ids) recent.delete(id);
          lines = ids.length + recent.size;
        } finally {
          isCompactionQueued = false;
        }
      });
    },
    get stats() {
      return { lines };
    },
  };
};
