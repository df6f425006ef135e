import type { Result } from '../../shared/result';
import { describe, expect, it } from 'vitest';
import {
  createPresetFile,
  MAX_JSON_DEPTH,
  MAX_PRESET_FILE_CHARS,
  parsePresetFile,
  PRESET_FILE_FORMAT,
  sanitizeBaseUrl,
  serializePresetFile,
  toPreset,
} from '../../shared/preset-format';
import type { Preset } from '../../shared/schemas';

/** The message of a failed Result ('' when it succeeded). */
const errorOf = (r: Result<unknown>): string => (r.ok ? '' : r.error.message);

const preset = (over: Partial<Preset> = {}): Preset => ({
  id: 'p1',
  name: 'Creative',
  description: 'warm and wordy',
  params: {
    model: 'gpt-x',
    prompt: 'Once upon a time',
    stream: true,
    temperature: 1.2,
    top_p: undefined,
    stop: ['\n\n'],
    logit_bias: { '50256': -100 },
  },
  extraBody: { top_k: 40 },
  includesPrompt: true,
  createdAt: 1,
  updatedAt: 2,
  ...over,
});

const fileText = (presets: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ format: PRESET_FILE_FORMAT, version: 1, presets, ...extra });

const shared = () =>
  (JSON.parse(serializePresetFile(createPresetFile([preset()]))) as { presets: Record<string, unknown>[] })
    .presets[0]!;

describe('preset file round trip', () => {
  it('exports and re-imports every parameter, including the not-set state', () => {
    const text = serializePresetFile(createPresetFile([preset(), preset({ id: 'p2', name: 'Exact' })]));
    const parsed = parsePresetFile(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.presets).toHaveLength(2);
    const back = toPreset(parsed.value.presets[0]!, { id: 'new', now: 5 });
    const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = back;
    const { id: _i2, createdAt: _c2, updatedAt: _u2, ...orig } = preset();
    expect(rest).toEqual(JSON.parse(JSON.stringify(orig)));
    expect('top_p' in back.params).toBe(false);
    expect(back).toMatchObject({ id: 'new', createdAt: 5, updatedAt: 5 });
  });

  it('leaves the prompt out when the preset does not include it', () => {
    const file = createPresetFile([preset({ includesPrompt: false })]);
    expect(file.presets[0]!.params.prompt).toBe('');
    expect(serializePresetFile(file)).not.toContain('Once upon a time');
  });

  it('writes a base URL only when the user asks, without credentials or query', () => {
    const withBaseOnPreset = preset({ baseUrl: 'https://api.r9s.ai/v1' });
    expect(createPresetFile([withBaseOnPreset]).presets[0]!.baseUrl).toBeUndefined();
    const ticked = createPresetFile([preset()], {
      includeBaseUrl: 'https://user:pw@gw.example.com/v1/?key=sk-1#x',
    });
    expect(ticked.presets[0]!.baseUrl).toBe('https://gw.example.com/v1');
    expect(sanitizeBaseUrl('file:///etc/passwd')).toBeUndefined();
    expect(sanitizeBaseUrl('not a url')).toBeUndefined();
  });
});

describe('preset file validation names the field', () => {
  const cases: [string, string, RegExp][] = [
    [
      'a number out of range',
      fileText([{ ...shared(), params: { model: 'm', prompt: '', stream: true, temperature: 9 } }]),
      /presets\.0\.params\.temperature/,
    ],
    ['a wrong type', fileText([{ ...shared(), name: 42 }]), /presets\.0\.name/],
    ['an unknown field such as a key', fileText([{ ...shared(), apiKey: 'sk-secret' }]), /apiKey/],
    ['an unknown version', fileText([shared()], { version: 3 }), /^version: unsupported version 3.*newer/],
    ['a version that is not a number', fileText([shared()], { version: '1' }), /^version: expected a number/],
    ['another format', JSON.stringify({ format: 'other', version: 1, presets: [] }), /^format:/],
    ['no presets', fileText([]), /presets/],
    ['not JSON', '{"format":', /not valid JSON/],
    ['not an object', '[1,2]', /expected a JSON object/],
    [
      'a non-http base URL',
      fileText([{ ...shared(), baseUrl: 'javascript:alert(1)' }]),
      /presets\.0\.baseUrl/,
    ],
  ];
  it.each(cases)('rejects %s', (_name, text, message) => {
    const r = parsePresetFile(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe('invalid_input');
      expect(r.error.message).toMatch(message);
    }
  });

  it.each(['__proto__', 'constructor', 'prototype'])('rejects a "%s" key anywhere, with its path', (key) => {
    const text = fileText([
      { ...shared(), extraBody: { nested: [{ ok: 1 }, JSON.parse(`{"${key}": {"polluted": true}}`)] } },
    ]);
    const r = parsePresetFile(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain(`presets.0.extraBody.nested.1.${key}`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects deep nesting and oversized files before validating', () => {
    const deep = `${'['.repeat(MAX_JSON_DEPTH + 5)}${']'.repeat(MAX_JSON_DEPTH + 5)}`;
    expect(errorOf(parsePresetFile(deep))).toMatch(/nested deeper/);
    const veryDeep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    expect(parsePresetFile(veryDeep).ok).toBe(false);
    const big = fileText([{ ...shared(), description: 'x'.repeat(MAX_PRESET_FILE_CHARS) }]);
    expect(errorOf(parsePresetFile(big))).toMatch(/too large/);
  });
});
