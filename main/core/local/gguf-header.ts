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
const CHUNK = 1 << 16;

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

/** A forward-only buffered reader over a file handle. */
class HeaderReader {
  private buf = Buffer.alloc(0);
  private pos = 0;
  private fileOffset = 0;

  constructor(private readonly file: FileHandle) {}

  private async ensure(n: number): Promise<void> {
    if (this.buf.length - this.pos >= n) return;
    const rest = this.buf.subarray(this.pos);
    const chunk = Buffer.alloc(Math.max(CHUNK, n));
    const { bytesRead } = await this.file.read(chunk, 0, chunk.length, this.fileOffset);
    this.fileOffset += bytesRead;
    this.buf = Buffer.concat([rest, chunk.subarray(0, bytesRead)]);
    this.pos = 0;
    if (this.buf.length < n) throw new HeaderError('the file ends inside its header (truncated?)');
  }
  async bytes(n: number): Promise<Buffer> {
    await this.ensure(n);
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  async u32(): Promise<number> {
    return (await this.bytes(4)).readUInt32LE(0);
  }
  async u64(): Promise<number> {
    const v = (await this.bytes(8)).readBigUInt64LE(0);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new HeaderError('a size in the header is out of range');
    return Number(v);
  }
  async string(): Promise<string> {
    const length = await this.u64();
    if (length > MAX_STRING_BYTES) throw new HeaderError('a string in the header is implausibly long');
    return (await this.bytes(length)).toString('utf8');
  }
  async skip(n: number): Promise<void> {
    while (n > 0) {
      const step = Math.min(n, CHUNK);
      await this.bytes(step);
      n -= step;
    }
  }
}

/** A malformed header, reported as invalid input. */
class HeaderError extends Error {}

/** Reads a value of `type`, returning strings and numbers and skipping arrays. */
const readValue = async (r: HeaderReader, type: number): Promise<string | number | undefined> => {
  if (type === STRING) return r.string();
  if (type === ARRAY) {
    const itemType = await r.u32();
    const count = await r.u64();
    const size = FIXED_SIZES[itemType];
    if (size !== undefined) await r.skip(size * count);
    else if (itemType === STRING) for (let i = 0; i < count; i++) await r.skip(await r.u64());
    else throw new HeaderError(`unsupported array item type ${itemType}`);
    return undefined;
  }
  const size = FIXED_SIZES[type];
  if (size === undefined) throw new HeaderError(`unknown metadata value type ${type}`);
  const b = await r.bytes(size);
  if (type === 4) return b.readUInt32LE(0);
  if (type === 5) return b.readInt32LE(0);
  if (type === 10) return Number(b.readBigUInt64LE(0));
  return undefined;
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
  try {
    file = await open(path, 'r');
    const r = new HeaderReader(file);
    const magic = await r.bytes(4).catch(() => Buffer.alloc(0));
    if (!magic.equals(MAGIC))
      return fail(
        'invalid_input',
        `${basename(path)} is not a GGUF model file (it does not start with "GGUF").`,
        {
          param: 'modelPath',
        },
      );
    const version = await r.u32();
    if (version !== 2 && version !== 3)
      return fail(
        'invalid_input',
        `${basename(path)} is GGUF version ${version}; only versions 2 and 3 load.`,
        {
          param: 'modelPath',
        },
      );
    const tensorCount = await r.u64();
    const kvCount = await r.u64();
    if (kvCount > MAX_KV_COUNT) throw new HeaderError('implausibly many metadata entries');
    const meta = new Map<string, string | number>();
    for (let i = 0; i < kvCount; i++) {
      const key = await r.string();
      const value = await readValue(r, await r.u32());
      if (value !== undefined) meta.set(key, value);
    }
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
    return fail('invalid_input', `${basename(path)} is not a readable GGUF file: ${why}.`, {
      param: 'modelPath',
    });
  } finally {
    await file?.close();
  }
};
