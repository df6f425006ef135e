import { existsSync, readFileSync } from 'node:fs';
import { readFile, rename } from 'node:fs/promises';
import { writeInChunks, type BackgroundWriter } from './background-writer';

/**
 * Case-insensitive prompt search without holding every prompt as a JS string: the prompts live lower-cased in one
 * append-only file (`id<TAB>text<LF>`), loaded as a single Buffer the first time they are needed (or in the background
 * after open), and searched with Buffer.indexOf. Opening history never reads it, so opening stays fast at 10,000 runs.
 */
export interface SearchIndex {
  add(id: string, prompt: string): void;
  remove(id: string): void;
  /** Ids whose prompt contains the query (ignoring case); `isLive` filters out deleted runs. */
  match(query: string, isLive: (id: string) => boolean): Set<string>;
  /** Starts loading the file in the background so the first search does not wait for the disk. */
  preload(): void;
  /** Rewrites the file with only the live runs when it holds mostly dead lines. */
  maybeCompact(liveIds: () => Iterable<string>, liveCount: number): void;
  readonly stats: { lines: number; loaded: boolean };
}

/** Lower-cases and flattens line breaks and tabs, so a prompt fits one line and matching ignores case. */
export const normalizeSearchText = (text: string): string => text.toLowerCase().replace(/[\t\r\n]/g, ' ');

interface Loaded {
  buf: Buffer;
  starts: number[];
  tabs: number[];
  ends: number[];
  ids: string[];
}

const index = (buf: Buffer): Loaded => {
  const starts: number[] = [];
  const tabs: number[] = [];
  const ends: number[] = [];
  const ids: string[] = [];
  let pos = 0;
  while (pos < buf.length) {
    let end = buf.indexOf(10, pos);
    if (end < 0) end = buf.length;
    const tab = buf.indexOf(9, pos);
    if (tab > pos && tab < end) {
      starts.push(pos);
      tabs.push(tab);
      ends.push(end);
      ids.push(buf.toString('latin1', pos, tab));
    }
    pos = end + 1;
  }
  return { buf, starts, tabs, ends, ids };
};

/** The line holding byte `at` (binary search over line starts). */
const lineOf = (starts: readonly number[], at: number): number => {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
};

/** Creates the index over `path`; writes go through the shared background writer. */
export const createSearchIndex = (path: string, writer: BackgroundWriter): SearchIndex => {
  let loaded: Loaded | undefined;
  /** Prompts added since the file was loaded (or since open, before it is loaded). */
  const recent = new Map<string, string>();
  let lines = 0;
  let isCompactionQueued = false;
  let generation = 0;

  const adopt = (buf: Buffer) => {
    if (loaded) return;
    loaded = index(buf);
    lines = loaded.ids.length + recent.size;
  };
  const loadSync = (): Loaded => {
    if (!loaded) adopt(existsSync(path) ? readFileSync(path) : Buffer.alloc(0));
    return loaded!;
  };
  const textOf = (l: Loaded, i: number) => l.buf.subarray(l.tabs[i]! + 1, l.ends[i]);

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
      const l = loadSync();
      const bytes = Buffer.from(needle, 'utf8');
      let pos = l.buf.indexOf(bytes, 0);
      while (pos >= 0) {
        const line = lineOf(l.starts, pos);
        const next = l.starts[line + 1] ?? l.buf.length;
        // Only hits inside a line's text count (not its id, not a damaged line without a tab).
        if (pos > l.tabs[line]! && pos + bytes.length <= l.ends[line]!) {
          const id = l.ids[line]!;
          if (isLive(id)) found.add(id);
          pos = l.buf.indexOf(bytes, next);
        } else {
          pos = l.buf.indexOf(bytes, pos + 1);
        }
      }
      for (const [id, text] of recent) if (text.includes(needle) && isLive(id)) found.add(id);
      return found;
    },
    preload() {
      if (loaded || !existsSync(path)) return;
      const started = generation;
      // A compaction that finishes first makes this read stale: drop it then.
      readFile(path).then(
        (buf) => started === generation && adopt(buf),
        () => undefined,
      );
    },
    maybeCompact(liveIds, liveCount) {
      if (isCompactionQueued || lines <= 2 * liveCount + 1000) return;
      isCompactionQueued = true;
      writer.job(async () => {
        try {
          if (!loaded) adopt(existsSync(path) ? await readFile(path) : Buffer.alloc(0));
          const old = loaded!;
          const byId = new Map(old.ids.map((id, i) => [id, i]));
          const ids = [...liveIds()];
          const tab = Buffer.from('\t');
          const lf = Buffer.from('\n');
          // Chunked, so a 10,000-run rewrite never blocks the service for long (see writeInChunks).
          await writeInChunks(`${path}.tmp`, ids.length, (k) => {
            const id = ids[k]!;
            const text = recent.get(id);
            if (text !== undefined) return `${id}\t${text}\n`;
            const i = byId.get(id);
            return i === undefined ? '' : Buffer.concat([Buffer.from(id, 'latin1'), tab, textOf(old, i), lf]);
          });
          await rename(`${path}.tmp`, path);
          // The new file holds the snapshot's runs; runs added meanwhile stay in `recent` and append after it.
          for (const id of ids) recent.delete(id);
          loaded = undefined;
          generation++;
          lines = ids.length + recent.size;
        } finally {
          isCompactionQueued = false;
        }
      });
    },
    get stats() {
      return { lines, loaded: loaded !== undefined };
    },
  };
};
