import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConfStore, quarantineCorruptFile, STORE_SCHEMA_VERSION } from '../../main/core/stores';

describe('settings files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'r9s-stores-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const NOW = Date.UTC(2024, 4, 1, 10, 20, 30, 123);

  it('leaves a missing or valid file alone', () => {
    expect(quarantineCorruptFile(join(dir, 'settings.json'), NOW)).toBeUndefined();
    writeFileSync(join(dir, 'settings.json'), '{"theme":"dark"}');
    expect(quarantineCorruptFile(join(dir, 'settings.json'), NOW)).toBeUndefined();
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it.each([['{"theme": "dark"'], ['[1, 2]'], ['"text"'], ['null'], ['']])(
    'moves a file holding %j aside and says where',
    (content) => {
      writeFileSync(join(dir, 'settings.json'), content);
      const notice = quarantineCorruptFile(join(dir, 'settings.json'), NOW);
      const moved = join(dir, 'settings.corrupt-2024-05-01T10-20-30-123Z.json');
      expect(notice).toContain('settings file was corrupt and was moved to');
      expect(notice).toContain(moved);
      expect(readFileSync(moved, 'utf8')).toBe(content);
      expect(existsSync(join(dir, 'settings.json'))).toBe(false);
    },
  );

  it('opens a corrupt settings file as defaults, keeps the old bytes and reports it', () => {
    writeFileSync(join(dir, 'settings.json'), '{ not json');
    const { store, notice } = createConfStore(dir, () => NOW)('settings');
    expect(notice).toContain('moved to');
    expect(store.get('compareConcurrency')).toBe(4);
    expect(store.get('historyRetention')).toBe(10_000);
    expect(store.get('theme')).toBe('system');
    expect(readdirSync(dir).sort()).toEqual([
      'settings.corrupt-2024-05-01T10-20-30-123Z.json',
      'settings.json',
    ]);
  });

  it.each([
    ['settings', { profiles: 'not a list', theme: 'dark' }, 'profiles'],
    ['presets', { presets: { a: 1 } }, 'presets'],
  ] as const)(
    'moves a %s file whose list is not a list aside with a notice, instead of resetting it',
    (name, content, key) => {
      const text = JSON.stringify(content);
      writeFileSync(join(dir, `${name}.json`), text);
      const { store, notice } = createConfStore(dir, () => NOW)(name);
      const moved = join(dir, `${name}.corrupt-2024-05-01T10-20-30-123Z.json`);
      expect(notice).toBe(
        `The ${name} file held a "${key}" entry that is not a list and was moved to ${moved}; defaults are used.`,
      );
      expect(readFileSync(moved, 'utf8')).toBe(text);
      expect(store.get(key)).toEqual(name === 'presets' ? [] : undefined);
    },
  );

  it('writes through conf and records the layout version', () => {
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ profiles: [], theme: 'dark' }));
    const { store, notice } = createConfStore(dir)('settings');
    expect(notice).toBeUndefined();
    expect(store.get('theme')).toBe('dark');
    store.set('lastModel', 'a.b'); // a dotted value and key stay literal
    store.set('a.b', 1);
    const onDisk = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as Record<string, unknown>;
    expect(onDisk).toMatchObject({
      lastModel: 'a.b',
      'a.b': 1,
      __internal__: { migrations: { version: STORE_SCHEMA_VERSION } },
    });
    const presets = createConfStore(dir)('presets').store;
    expect(presets.get('presets')).toEqual([]);
  });
});
