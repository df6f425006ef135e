/**
 * Case sets shared in the preset file format: a versioned `cases` section (the file becomes version 2, each set keeps
 * the case-set format and its own version), read back whole; anything this reader cannot read is refused by name.
 */
import { describe, expect, it } from 'vitest';
import type { CaseSet } from '../../shared/cases/case-set';
import {
  createPresetFile,
  createPresetFileWithCases,
  parsePresetFile,
  PRESET_FILE_CASES_VERSION,
  serializePresetFile,
} from '../../shared/preset-format';
import type { Preset } from '../../shared/schemas';

const preset: Preset = {
  id: 'p1',
  name: 'Warm',
  description: '',
  params: { model: 'm', prompt: 'About {{topic}}', stream: true, temperature: 0.9 },
  includesPrompt: true,
  createdAt: 1,
  updatedAt: 1,
};
const set: CaseSet = {
  name: 'Topics',
  variables: ['topic'],
  rows: [
    { id: 'case-1', values: { topic: 'tides,\n"moon"' }, expected: '=SUM(A1)' },
    { id: 'case-2', values: { topic: 'bees' }, notes: 'short' },
  ],
};

const withCases = () =>
  JSON.parse(serializePresetFile(createPresetFileWithCases([preset], [set]))) as Record<string, unknown>;

describe('case sets in the preset file format', () => {
  it('writes version 2 with each set in the case-set format, and reads it back whole', () => {
    const text = serializePresetFile(createPresetFileWithCases([preset], [set]));
    const raw = JSON.parse(text) as { version: number; cases: { format: string; version: number }[] };
    expect(raw.version).toBe(PRESET_FILE_CASES_VERSION);
    expect(raw.cases[0]).toMatchObject({ format: 'r9s-playground/cases', version: 1, name: 'Topics' });
    const back = parsePresetFile(text);
    expect(back.ok && back.value.cases).toEqual([set]);
    expect(back.ok && back.value.presets[0]?.params.prompt).toBe('About {{topic}}');
  });

  it('keeps writing presets-only files as version 1, so every older reader still reads them', () => {
    const raw = JSON.parse(serializePresetFile(createPresetFile([preset]))) as Record<string, unknown>;
    expect(raw['version']).toBe(1);
    expect(raw).not.toHaveProperty('cases');
  });

  it('refuses, by name, cases in a version 1 file, a newer case set, a newer file and a bad row', () => {
    const v1 = { ...withCases(), version: 1 };
    const newerSet = withCases();
    (newerSet['cases'] as Record<string, unknown>[])[0]!['version'] = 2;
    const badRow = withCases();
    const rows = (badRow['cases'] as { rows: { id: string }[] }[])[0]!.rows;
    rows[1]!.id = 'case-1';
    const cases: [Record<string, unknown>, RegExp][] = [
      [v1, /^cases: a "cases" section needs version 2/],
      [newerSet, /^cases\.0: version: this case set was written by a newer r9s Playground/],
      [
        { ...withCases(), version: 3 },
        /^version: unsupported version 3 \(it was written by a newer r9s Playground\)/,
      ],
      [badRow, /^cases\.0: rows\.1\.id: duplicate case id/],
    ];
    for (const [file, message] of cases) {
      const res = parsePresetFile(JSON.stringify(file));
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.error.message).toMatch(message);
    }
  });
});
