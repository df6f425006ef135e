/**
 * A minimal GGUF v3 writer for tests: typed metadata key/values and F32 tensors, laid out as llama.cpp reads them
 * (little-endian header, metadata, tensor infos, padding to the alignment, then each tensor's data aligned).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** GGUF's magic, "GGUF" read as a little-endian u32. */
export const GGUF_MAGIC = 0x46554747;
const VERSION = 3;
/** The default alignment of tensor data (`general.alignment` when absent). */
const ALIGNMENT = 32;

/** Value type codes of GGUF metadata. */
const T = { u32: 4, i32: 5, f32: 6, bool: 7, string: 8, array: 9 } as const;
/** ggml tensor type code of F32. */
const GGML_F32 = 0;

/** A metadata value with its GGUF type spelled out (numbers alone cannot say u32 from f32). */
export type GgufValue =
  | { type: 'u32'; value: number }
  | { type: 'i32'; value: number }
  | { type: 'f32'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'string'; value: string }
  | { type: 'string[]'; value: readonly string[] }
  | { type: 'i32[]'; value: ArrayLike<number> };

/** One F32 tensor; `dims` are ggml's ne, innermost first (a [rows × cols] matrix is `[cols, rows]`). */
export interface GgufTensor {
  name: string;
  dims: readonly number[];
  data: Float32Array;
}

/** Appends little-endian values to a growing list of buffers. */
class ByteSink {
  readonly parts: Buffer[] = [];
  length = 0;

  push(buf: Buffer): void {
    this.parts.push(buf);
    this.length += buf.length;
  }
  u32(v: number): void {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(v);
    this.push(b);
  }
  i32(v: number): void {
    const b = Buffer.alloc(4);
    b.writeInt32LE(v);
    this.push(b);
  }
  f32(v: number): void {
    const b = Buffer.alloc(4);
    b.writeFloatLE(v);
    this.push(b);
  }
  u64(v: number): void {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(v));
    this.push(b);
  }
  str(s: string): void {
    const bytes = Buffer.from(s, 'utf8');
    this.u64(bytes.length);
    this.push(bytes);
  }
  pad(alignment: number): void {
    const rest = this.length % alignment;
    if (rest !== 0) this.push(Buffer.alloc(alignment - rest));
  }
}

const writeValue = (sink: ByteSink, v: GgufValue): void => {
  switch (v.type) {
    case 'u32':
      sink.u32(T.u32);
      return sink.u32(v.value);
    case 'i32':
      sink.u32(T.i32);
      return sink.i32(v.value);
    case 'f32':
      sink.u32(T.f32);
      return sink.f32(v.value);
    case 'bool':
      sink.u32(T.bool);
      return sink.push(Buffer.from([v.value ? 1 : 0]));
    case 'string':
      sink.u32(T.string);
      return sink.str(v.value);
    case 'string[]':
      sink.u32(T.array);
      sink.u32(T.string);
      sink.u64(v.value.length);
      for (const s of v.value) sink.str(s);
      return;
    case 'i32[]': {
      sink.u32(T.array);
      sink.u32(T.i32);
      sink.u64(v.value.length);
      const b = Buffer.alloc(v.value.length * 4);
      for (let i = 0; i < v.value.length; i++) b.writeInt32LE(v.value[i] ?? 0, i * 4);
      return sink.push(b);
    }
  }
};

const elementCount = (dims: readonly number[]): number => dims.reduce((a, b) => a * b, 1);

/** Header, metadata and tensor infos, padded so the data section starts aligned. */
const headerBytes = (metadata: Record<string, GgufValue>, tensors: readonly GgufTensor[]): ByteSink => {
  const sink = new ByteSink();
  sink.u32(GGUF_MAGIC);
  sink.u32(VERSION);
  sink.u64(tensors.length);
  sink.u64(Object.keys(metadata).length);
  for (const [key, value] of Object.entries(metadata)) {
    sink.str(key);
    writeValue(sink, value);
  }
  let offset = 0;
  for (const t of tensors) {
    if (elementCount(t.dims) !== t.data.length)
      throw new Error(`tensor ${t.name}: dims do not match its data`);
    sink.str(t.name);
    sink.u32(t.dims.length);
    for (const d of t.dims) sink.u64(d);
    sink.u32(GGML_F32);
    sink.u64(offset);
    offset += Math.ceil((t.data.length * 4) / ALIGNMENT) * ALIGNMENT;
  }
  sink.pad(ALIGNMENT);
  return sink;
};

/** Writes a GGUF file; tensors are streamed one at a time so a large vocabulary never sits in one buffer. */
export const writeGguf = async (
  path: string,
  metadata: Record<string, GgufValue>,
  tensors: readonly GgufTensor[],
): Promise<void> => {
  const out = createWriteStream(path);
  const write = async (buf: Buffer) => {
    if (!out.write(buf)) await once(out, 'drain');
  };
  for (const part of headerBytes(metadata, tensors).parts) await write(part);
  for (const t of tensors) {
    const bytes = Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength);
    // ggml reads little-endian floats; every platform Node runs the tests on is little-endian.
    await write(bytes);
    const rest = bytes.length % ALIGNMENT;
    if (rest !== 0) await write(Buffer.alloc(ALIGNMENT - rest));
  }
  out.end();
  await once(out, 'finish');
};
