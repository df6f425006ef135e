/**
 * electron-store imports `electron` at load (which throws without the binary), so the adapter is driven with conf —
 * the class electron-store extends — constructed the way ElectronStore's constructor does (name → configName).
 */
import Conf from 'conf';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createConfStore, STORE_DEFAULTS } from '../../main/core/stores';
import {
  createElectronStoreOpener,
  openPlainElectronStore,
  type ElectronStoreOptions,
  type MakeElectronStore,
} from '../../main/electron/electron-json-store';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'r9s-estore-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Records the options and builds what ElectronStore would: a Conf with `configName = name`. */
const standIn = () => {
  const seen: ElectronStoreOptions[] = [];
  const make: MakeElectronStore = ({ name, ...rest }) => {
    seen.push({ name, ...rest });
    return new Conf<Record<string, unknown>>({ ...rest, configName: name });
  };
  return { make, seen };
};

const NOW = Date.UTC(2025, 0, 2, 3, 4, 5, 6);

describe('createElectronStoreOpener', () => {
  it('opens settings with the same defaults, version and migrations as the conf store, atomically, no clearing', () => {
    const dir = tempDir();
    const { make, seen } = standIn();
    const { store, notice } = createElectronStoreOpener(dir, make, () => NOW)('settings');
    expect(notice).toBeUndefined();
    for (const [key, value] of Object.entries(STORE_DEFAULTS.settings)) expect(store.get(key)).toEqual(value);
    expect(seen[0]).toMatchObject({ name: 'settings', cwd: dir, clearInvalidConfig: false });
    expect(seen[0]!.accessPropertiesByDotNotation).toBe(false);

    store.set('theme', 'dark');
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toMatchObject({ theme: 'dark' });
    // Web mode's conf store reads the same file the same way: one schema for both.
    expect(createConfStore(dir)('settings').store.get('theme')).toBe('dark');
  });

  it('moves a file whose preset list is not a list aside with a notice, as web mode does', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'presets.json'), JSON.stringify({ presets: 'not an array' }));
    const { store, notice } = createElectronStoreOpener(dir, standIn().make, () => NOW)('presets');
    expect(store.get('presets')).toEqual([]);
    expect(notice).toMatch(/^The presets file held a "presets" entry that is not a list and was moved to /);
    const aside = readdirSync(dir).find((f) => f.startsWith('presets.corrupt-'));
    expect(readFileSync(join(dir, aside!), 'utf8')).toBe('{"presets":"not an array"}');
  });

  it('moves a corrupt file aside as <name>.corrupt-<timestamp>.json, uses defaults and says so', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'settings.json'), '{"theme": "dark", trailing garbage');
    const { store, notice } = createElectronStoreOpener(dir, standIn().make, () => NOW)('settings');
    const aside = readdirSync(dir).find((f) => f.startsWith('settings.corrupt-'));
    expect(aside).toBe('settings.corrupt-2025-01-02T03-04-05-006Z.json');
    expect(readFileSync(join(dir, aside!), 'utf8')).toBe('{"theme": "dark", trailing garbage');
    expect(notice).toContain(aside);
    expect(store.get('theme')).toBe(STORE_DEFAULTS.settings.theme);
  });

  it('sets aside a parsable file the store still refuses, instead of crashing', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'settings.json'), '{"theme":"light"}');
    let calls = 0;
    const make: MakeElectronStore = ({ name, ...rest }) => {
      calls += 1;
      if (calls === 1) throw new Error('migration exploded\nstack');
      return new Conf<Record<string, unknown>>({ ...rest, configName: name });
    };
    const { store, notice } = createElectronStoreOpener(dir, make, () => NOW)('settings');
    expect(notice).toMatch(/could not be opened \(migration exploded\)/);
    expect(store.get('theme')).toBe('system');
    expect(readdirSync(dir).some((f) => f.startsWith('settings.corrupt-'))).toBe(true);
  });
});

describe('openPlainElectronStore', () => {
  it('opens a document without defaults and quarantines it when corrupt', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'window-state.json'), '[1, 2');
    const { store, notice } = openPlainElectronStore(dir, 'window-state', standIn().make, () => NOW);
    expect(notice).toMatch(/window-state\.corrupt-/);
    expect(store.get('bounds')).toBeUndefined();
    store.set('bounds', { width: 800 });
    expect(existsSync(join(dir, 'window-state.json'))).toBe(true);
  });
});
