import { deflateSync, strToU8 } from 'fflate';
import type { Result } from '../../shared/result';
import { describe, expect, it } from 'vitest';
import { createPresetFile, MAX_PRESET_FILE_CHARS, PRESET_FILE_FORMAT } from '../../shared/preset-format';
import type { Preset } from '../../shared/schemas';
import {
  buildImportLink,
  buildWebImportLink,
  decodeShareCode,
  encodeShareCode,
  extractShareCode,
  fromBase64Url,
  parseImportLink,
  SHARE_CODE_PREFIX,
  toBase64Url,
} from '../../shared/share-code';

/** The message of a failed Result ('' when it succeeded). */
const errorOf = (r: Result<unknown>): string => (r.ok ? '' : r.error.message);

const preset: Preset = {
  id: 'p1',
  name: 'Précis ✓ 日本語',
  description: 'emoji 🎉 and "quotes"',
  params: {
    model: 'gpt-x',
    prompt: 'Tell me about\nsomething',
    stream: false,
    temperature: 0.3,
    seed: 7,
    stop: ['END'],
  },
  includesPrompt: true,
  createdAt: 1,
  updatedAt: 1,
};

describe('share codes', () => {
  it('round-trips a preset file, unicode included, as a compact url-safe code', () => {
    const file = createPresetFile([preset]);
    const code = encodeShareCode(file);
    expect(code.startsWith(SHARE_CODE_PREFIX)).toBe(true);
    expect(code).toMatch(/^r9s1\.[A-Za-z0-9_-]+$/);
    const back = decodeShareCode(`  ${code}\n`);
    expect(back).toEqual({ ok: true, value: file });
  });

  it('is shorter than the JSON for a typical preset', () => {
    const file = createPresetFile([
      { ...preset, params: { ...preset.params, prompt: 'lorem ipsum '.repeat(50) } },
    ]);
    expect(encodeShareCode(file).length).toBeLessThan(JSON.stringify(file).length);
  });

  it('base64url round-trips every byte length', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n) & 255);
      expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
    }
    expect(fromBase64Url('ab+c')).toBeUndefined();
    expect(fromBase64Url('a')).toBeUndefined();
  });

  it.each([
    ['not a code', 'hello', /not an r9s Playground share code/],
    ['a future version', 'r9s2.abc', /version 2 is not supported/],
    ['damaged characters', 'r9s1.ab$cd', /damaged/],
  ])('rejects %s with a clear message', (_n, code, message) => {
    const r = decodeShareCode(code);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(message);
  });

  it('rejects a truncated code as damaged', () => {
    const code = encodeShareCode(createPresetFile([preset]));
    const r = decodeShareCode(code.slice(0, Math.floor(code.length / 2)));
    expect(errorOf(r)).toMatch(/damaged/);
  });

  it('validates the decoded file with the preset schema', () => {
    const json = JSON.stringify({
      format: PRESET_FILE_FORMAT,
      version: 1,
      presets: [{ name: 'x', params: { model: 1 } }],
    });
    const r = decodeShareCode(SHARE_CODE_PREFIX + toBase64Url(deflateSync(strToU8(json))));
    expect(errorOf(r)).toMatch(/presets\.0\.params/);
    const proto = '{"format":"r9s-playground/preset","version":1,"presets":[],"__proto__":{"polluted":1}}';
    const p = decodeShareCode(SHARE_CODE_PREFIX + toBase64Url(deflateSync(strToU8(proto))));
    expect(errorOf(p)).toMatch(/__proto__/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('stops inflating a compression bomb at the size cap', () => {
    const bomb = strToU8(`{"format":"${'a'.repeat(MAX_PRESET_FILE_CHARS + 10_000)}"}`);
    const code = SHARE_CODE_PREFIX + toBase64Url(deflateSync(bomb, { level: 9 }));
    expect(code.length).toBeLessThan(200_000);
    expect(errorOf(decodeShareCode(code))).toMatch(/size limit/);
  });
});

describe('import links', () => {
  it('builds and parses r9s-playground://import?code=…', () => {
    const code = encodeShareCode(createPresetFile([preset]));
    const link = buildImportLink(code);
    expect(link.startsWith('r9s-playground://import?code=')).toBe(true);
    expect(parseImportLink(link)).toBe(code);
  });

  it('builds a web-mode ?import= link that a paste reads back', () => {
    const code = encodeShareCode(createPresetFile([preset]));
    const link = buildWebImportLink('http://127.0.0.1:5173', code);
    expect(link.startsWith('http://127.0.0.1:5173/?import=r9s1.')).toBe(true);
    expect(new URL(link).searchParams.get('import')).toBe(code);
    expect(extractShareCode(link)).toBe(code);
  });

  it('ignores other protocols, hosts and missing codes', () => {
    expect(parseImportLink('https://import?code=r9s1.abc')).toBeUndefined();
    expect(parseImportLink('r9s-playground://settings?code=r9s1.abc')).toBeUndefined();
    expect(parseImportLink('r9s-playground://import')).toBeUndefined();
    expect(parseImportLink('not a url')).toBeUndefined();
  });

  it('extracts a code from what a user pastes: a code, a link or a web URL', () => {
    expect(extractShareCode(' r9s1.abc ')).toBe('r9s1.abc');
    expect(extractShareCode('r9s-playground://import?code=r9s1.abc')).toBe('r9s1.abc');
    expect(extractShareCode('http://127.0.0.1:5173/?token=t&import=r9s1.xyz')).toBe('r9s1.xyz');
    expect(extractShareCode('something else')).toBeUndefined();
  });
});
