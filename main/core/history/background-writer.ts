import { appendFile, open, rename, rm, writeFile } from 'node:fs/promises';

/**
 * Persists history in the background, one operation at a time, so callers never wait on the disk:
 * appends are batched per file, whole-file writes are coalesced per path (the latest content wins; `null` deletes),
 * and jobs (compactions) run between batches so they see a quiet file.
 */
export interface BackgroundWriter {
  append(path: string, text: string): void;
  /** Atomically replaces a file (temp file + rename) with this content, or deletes it when `null`. */
  put(path: string, content: string | null): void;
  /** The content still waiting to be written to a path (`null` = a pending delete). */
  pending(path: string): string | null | undefined;
  /** Drops the appends waiting for a path: a compaction snapshot already covers them. */
  discardAppends(path: string): void;
  job(run: () => Promise<void>): void;
  /** Resolves once everything queued so far (and anything queued meanwhile) is on disk. */
  idle(): Promise<void>;
  /** Failed operations so far and the last message (a full disk must not crash the service). */
  readonly failures: { count: number; last?: string };
}

/** Creates the writer; `onError` hears every failed operation. */
export const createBackgroundWriter = (onError?: (error: unknown) => void): BackgroundWriter => {
  const appends = new Map<string, string[]>();
  const files = new Map<string, string | null>();
  // Content being written right now: until its rename lands, readers must see it here, not on disk.
  const inFlight = new Map<string, string | null>();
  const jobs: (() => Promise<void>)[] = [];
  const failures: { count: number; last?: string } = { count: 0 };
  let running: Promise<void> | undefined;

  const hasWork = () => appends.size > 0 || files.size > 0 || jobs.length > 0;

  const attempt = async (op: () => Promise<void>) => {
    try {
      await op();
    } catch (error) {
      failures.count++;
      failures.last = error instanceof Error ? error.message : String(error);
      onError?.(error);
    }
  };

  const drain = async () => {
    while (hasWork()) {
      for (const [path, parts] of [...appends]) {
        appends.delete(path);
        await attempt(() => appendFile(path, parts.join('')));
      }
      for (const [path, content] of [...files]) {
        // A newer put for the same path may have arrived while an earlier one was written.
        if (files.get(path) !== content) continue;
        files.delete(path);
        inFlight.set(path, content);
        await attempt(async () => {
          if (content === null) return rm(path, { force: true });
          const tmp = `${path}.tmp`;
          await writeFile(tmp, content);
          await rename(tmp, path);
        });
        inFlight.delete(path);
      }
      const next = jobs.shift();
      if (next) await attempt(next);
    }
  };

  const kick = () => {
    running ??= drain().finally(() => {
      running = undefined;
      if (hasWork()) kick();
    });
  };

  return {
    append(path, text) {
      const parts = appends.get(path);
      if (parts) parts.push(text);
      else appends.set(path, [text]);
      kick();
    },
    put(path, content) {
      files.set(path, content);
      kick();
    },
    pending: (path) => (files.has(path) ? files.get(path) : inFlight.get(path)),
    discardAppends(path) {
      appends.delete(path);
    },
    job(run) {
      jobs.push(run);
      kick();
    },
    async idle() {
      while (running) await running;
    },
    failures,
  };
};

/** Rows serialized per write in writeInChunks: small enough that one chunk blocks for about a millisecond. */
const CHUNK_ROWS = 500;

/**
 * Writes `count` pieces of text produced by `line(i)` to a new file, awaiting each chunk's write so a long rewrite
 * (a compaction) yields to the event loop between chunks. Returns the characters written.
 */
export const writeInChunks = async (
  path: string,
  count: number,
  line: (i: number) => string | Uint8Array,
): Promise<number> => {
  const handle = await open(path, 'w');
  let written = 0;
  try {
    for (let start = 0; start < count; start += CHUNK_ROWS) {
      const parts: (string | Uint8Array)[] = [];
      for (let i = start; i < Math.min(count, start + CHUNK_ROWS); i++) parts.push(line(i));
      const chunk = Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)));
      written += chunk.length;
      await handle.write(chunk);
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  return written;
};
