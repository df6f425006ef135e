import { deflateSync, strToU8 } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createPresetFile,
  MAX_PRESET_FILE_CHARS,
  parsePresetFile,
  serializePresetFile,
} from '../../shared/preset-format';
import { decodeShareCode, encodeShareCode, SHARE_CODE_PREFIX, toBase64Url } from '../../shared/share-code';

/** A small seeded PRNG (mulberry32) so a failure can be replayed. */
const rng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const valid = createPresetFile([
  {
    id: 'a',
    name: 'Base',
    description: '',
    params: { model: 'm', prompt: 'p', stream: true, temperature: 0.5, stop: ['x'], logit_bias: { '1': 2 } },
    extraBody: { top_k: 40, nested: { a: [1, 2] } },
    includesPrompt: true,
    createdAt: 0,
    updatedAt: 0,
  },
]);

const EVIL_KEYS = ['__proto__', 'constructor', 'prototype'];
const WEIRD_VALUES: unknown[] = [
  null,
  true,
  -1,
  1e308,
  -0,
  '',
  'x'.repeat(5000),
  [],
  {},
  [[[]]],
  '\u0000\ud800',
  3.7,
];

/** Builds one hostile input as text. */
const hostile = (rand: () => number, i: number): string => {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const mutate = (v: unknown, depth: number): unknown => {
    if (depth > 6 || v === null || typeof v !== 'object') return rand() < 0.3 ? pick(WEIRD_VALUES) : v;
    if (Array.isArray(v)) return v.map((x) => mutate(x, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (rand() > 0.1) out[k] = mutate(x, depth + 1);
    if (rand() < 0.15) out[`extra${depth}`] = pick(WEIRD_VALUES);
    return out;
  };
  switch (i % 8) {
    case 0: // random bytes as text
      return Array.from({ length: Math.floor(rand() * 300) }, () =>
        String.fromCharCode(Math.floor(rand() * 65536)),
      ).join('');
    case 1: {
      // deep nesting of arrays or objects
      const n = 10 + Math.floor(rand() * 50_000);
      return rand() < 0.5 ? '['.repeat(n) + ']'.repeat(n) : '{"a":'.repeat(n) + '1' + '}'.repeat(n);
    }
    case 2: // a valid file with random fields damaged
      return JSON.stringify(mutate(valid, 0));
    case 3: {
      // an evil key spliced somewhere into a valid file
      const text = serializePresetFile(valid);
      const at = text.indexOf('{', Math.floor(rand() * text.length));
      const key = pick(EVIL_KEYS);
      return at < 0
        ? `{"${key}":{"polluted":1}}`
        : `${text.slice(0, at + 1)}"${key}":{"polluted":1},${text.slice(at + 1)}`;
    }
    case 4: {
      // a huge string: mostly large, twice past the size cap
      const n = i === 4 || i === 516 ? MAX_PRESET_FILE_CHARS : 1000 + Math.floor(rand() * 100_000);
      return JSON.stringify({ ...valid, presets: [{ ...valid.presets[0], description: 'n'.repeat(n) }] });
    }
    case 5: // wrong top-level types
      return JSON.stringify(
        pick([
          [],
          'str',
          42,
          null,
          { format: 1 },
          { ...valid, version: pick(WEIRD_VALUES) },
          { ...valid, presets: pick(WEIRD_VALUES) },
        ]),
      );
    case 6: // truncated valid text
      return serializePresetFile(valid).slice(0, Math.floor(rand() * 200));
    default: // escaped evil keys and unicode
      return `{"format":"r9s-playground/preset","version":1,"presets":[{"name":"\\u005f_proto__","params":{"\\u005f_proto__":{"polluted":1}}}]}`;
  }
};

const protoKeys = Object.getOwnPropertyNames(Object.prototype).sort();

describe('1,000 random and hostile imports', () => {
  afterAll(() => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoKeys);
  });

  it('never throws, never pollutes Object.prototype, and only accepts schema-valid files', () => {
    const rand = rng(20240611);
    let accepted = 0;
    for (let i = 0; i < 1000; i++) {
      const text = hostile(rand, i);
      const viaFile = parsePresetFile(text);
      // The same text through a share code (compressed with fflate), and raw random base64 after the prefix.
      const viaCode = decodeShareCode(SHARE_CODE_PREFIX + toBase64Url(deflateSync(strToU8(text))));
      const randomCode = decodeShareCode(
        SHARE_CODE_PREFIX + text.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 500),
      );
      expect(viaCode.ok).toBe(viaFile.ok);
      expect(randomCode.ok).toBe(false);
      for (const r of [viaFile, viaCode, randomCode]) {
        if (!r.ok) expect(r.error.message.length).toBeGreaterThan(0);
      }
      if (viaFile.ok) {
        accepted++;
        // An accepted file round-trips exactly and survives re-validation.
        expect(decodeShareCode(encodeShareCode(viaFile.value))).toEqual(viaFile);
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    }
    // Some damaged files are still valid (a dropped optional field), so both branches ran.
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThan(1000);
  });
});
