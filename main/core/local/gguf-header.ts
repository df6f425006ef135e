/**
 * Reads the header of a GGUF file in plain Node, before llama.cpp ever sees it: a missing, unreadable or non-GGUF
 * file becomes a clear error value, and the model's name comes from its metadata without loading any weights.
 */
import { open, stat, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { fail, ok, type Result } from '../../../shared/result';

/** What the header tells about a model file. */
export interface GgufSummary {
  version: number;
  tensorCount: number;
  sizeBytes: number;
  /** `general.architecture` (llama, qwen2, …). */
  architecture?: string;
  /** `general.name`, else the file name without `.gguf`. */
  name: string;
  /** `<architecture>.context_length`: the context the model was trained with. */
  trainContextLength?: number;
}

const MAGIC = Buffer.from('GGUF', 'latin1');
/** Bounds that keep a corrupt header from making us read or allocate without limit. */
const MAX_STRING_BYTES = 1 << 20;
const MAX_KV_COUNT = 1 << 20;
/** The header is read in one piece, starting with 1 MiB and doubling up to this (a 256k vocabulary needs ~10 MiB). */
const FIRST_READ = 1 << 20;
const MAX_HEADER_BYTES = 128 << 20;

/** GGUF value types: the byte size of each fixed-size one. */
const FIXED_SIZES: Record<number, number> = {
  0: 1,
  1: 1,
  2: 2,
  3: 2,
  4: 4,
  5: 4,
  6: 4,
  7: 1,
  10: 8,
  11: 8,
  12: 8,
};
const STRING = 8;
const ARRAY = 9;

/** A malformed header, reported as invalid input. */
class HeaderError extends Error {}
/** The header goes on past the bytes read so far. */
class NeedMore extends Error {}

/** A synchronous cursor over the bytes read so far (a vocabulary is 100k+ strings: no await per string). */
class Cursor {
  pos = 0;
  constructor(
    private readonly buf: Buffer,
    private readonly isWholeFile: boolean,
  ) {}

  private take(n: number): number {
    if (this.pos + n > this.buf.length) {
      if (this.isWholeFile) throw new HeaderError('the file ends inside its header (truncated?)');
      throw new NeedMore();
    }
    const at = this.pos;
    this.pos += n;
    return at;
  }
  bytes(n: number): Buffer {
    const at = this.take(n);
    return this.buf.subarray(at, at + n);
  }
  u32(): number {
    return this.buf.readUInt32LE(this.take(4));
  }
  u64(): number {
    const v = this.buf.readBigUInt64LE(this.take(8));
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new HeaderError('a size in the header is out of range');
    return Number(v);
  }
  string(): string {
    const length = this.u64();
    if (length > MAX_STRING_BYTES) throw new HeaderError('a string in the header is implausibly long');
    return this.bytes(length).toString('utf8');
  }
  skip(n: number): void {
    this.take(n);
  }
}

/** Reads a value of `type`, returning strings and numbers and skipping arrays. */
const readValue = (c: Cursor, type: number): string | number | undefined => {
  if (type === STRING) return c.string();
  if (type === ARRAY) {
    const itemType = c.u32();
    const count = c.u64();
    const size = FIXED_SIZES[itemType];
    if (size !== undefined) c.skip(size * count);
    else if (itemType === STRING) for (let i = 0; i < count; i++) c.skip(c.u64());
    else throw new HeaderError(`unsupported array item type ${itemType}`);
    return undefined;
  }
  const size = FIXED_SIZES[type];
  if (size === undefined) throw new HeaderError(`unknown metadata value type ${type}`);
  const b = c.bytes(size);
  if (type === 4) return b.readUInt32LE(0);
  if (type === 5) return b.readInt32LE(0);
  if (type === 10) return Number(b.readBigUInt64LE(0));
  return undefined;
};

/** The parsed start of a GGUF file. */
interface Header {
  version: number;
  tensorCount: number;
  meta: Map<string, string | number>;
}

/** Parses the header from `buf`; throws NeedMore when it continues past it. */
const parseHeader = (buf: Buffer, isWholeFile: boolean, name: string): Header | { error: string } => {
  const c = new Cursor(buf, isWholeFile);
  if (buf.length < 4 || !buf.subarray(0, 4).equals(MAGIC))
    return { error: `${name} is not a GGUF model file (it does not start with "GGUF").` };
  c.skip(4);
  const version = c.u32();
  if (version !== 2 && version !== 3)
    return { error: `${name} is GGUF version ${version}; only versions 2 and 3 load.` };
  const tensorCount = c.u64();
  const kvCount = c.u64();
  if (kvCount > MAX_KV_COUNT) throw new HeaderError('implausibly many metadata entries');
  const meta = new Map<string, string | number>();
  for (let i = 0; i < kvCount; i++) {
    const key = c.string();
    const value = readValue(c, c.u32());
    if (value !== undefined) meta.set(key, value);
  }
  return { version, tensorCount, meta };
};

/** Reads `length` bytes from the start of the file (fewer when it is shorter). */
const readStart = async (file: FileHandle, length: number): Promise<Buffer> => {
  const buf = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await file.read(buf, filled, length - filled, filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buf.subarray(0, filled);
};

const displayName = (path: string): string => basename(path).replace(/\.gguf$/i, '');

/** Checks that `path` is a readable GGUF v2/v3 file and reads its name and context length. Never throws. */
export const readGgufSummary = async (path: string): Promise<Result<GgufSummary>> => {
  let sizeBytes: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) return fail('invalid_input', `${path} is not a file.`, { param: 'modelPath' });
    sizeBytes = info.size;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return fail('not_found', `No model file at ${path}.`, { param: 'modelPath' });
    return fail('invalid_input', `Cannot read ${path}: ${(err as Error).message}`, { param: 'modelPath' });
  }
  let file: FileHandle | undefined;
  const name = basename(path);
  try {
    file = await open(path, 'r');
    let header: Header | { error: string } | undefined;
    for (let length = FIRST_READ; header === undefined; length *= 2) {
      const isWholeFile = length >= sizeBytes;
      if (!isWholeFile && length > MAX_HEADER_BYTES) throw new HeaderError('the header is implausibly large');
      const buf = await readStart(file, Math.min(length, sizeBytes));
      try {
        header = parseHeader(buf, isWholeFile, name);
      } catch (err) {
        if (!(err instanceof NeedMore)) throw err;
      }
    }
    if ('error' in header) return fail('invalid_input', header.error, { param: 'modelPath' });
    const { version, tensorCount, meta } = header;
    const text = (key: string) => (typeof meta.get(key) === 'string' ? (meta.get(key) as string) : undefined);
    const architecture = text('general.architecture');
    const context = architecture ? meta.get(`${architecture}.context_length`) : undefined;
    const summary: GgufSummary = {
      version,
      tensorCount,
      sizeBytes,
      name: text('general.name')?.trim() || displayName(path),
    };
    if (architecture) summary.architecture = architecture;
    if (typeof context === 'number') summary.trainContextLength = context;
    return ok(summary);
  } catch (err) {
    const why = err instanceof HeaderError ? err.message : (err as Error).message;
    return fail('invalid_input', `${name} is not a readable GGUF file: ${why}.`, { param: 'modelPath' });
  } finally {
    await file?.close();
  }
};
