import Conf from 'conf';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JsonStore } from '../../main/core/ports';
import {
  CIPHERTEXT_PREFIX,
  createSafeStorageSecretStore,
  SECRETS_KEY,
} from '../../main/electron/safe-storage-secret-store';
import { FakeAsyncSafeStorage, FakeSafeStorage } from './fakes';

const KEY = 'sk-live-abcdefghijklmnop1234';
const ORIGIN = 'https://api.r9s.ai';
const dirs: string[] = [];

/** A real JSON file (conf, which electron-store extends), so the test can read what reaches the disk. */
const fileStore = () => {
  const dir = mkdtempSync(join(tmpdir(), 'r9s-secrets-'));
  dirs.push(dir);
  const conf = new Conf<Record<string, unknown>>({ cwd: dir, configName: 'secrets' });
  const store: JsonStore = {
    get: (k) => conf.get(k),
    set: (k, v) => conf.set(k, v),
    delete: (k) => conf.delete(k),
  };
  const file = join(dir, 'secrets.json');
  return { store, fileText: () => (existsSync(file) ? readFileSync(file, 'utf8') : '') };
};

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('createSafeStorageSecretStore', () => {
  it('round-trips a key through the async API, stored as v1: + base64 ciphertext, never the key itself', async () => {
    const safeStorage = new FakeAsyncSafeStorage();
    const { store, fileText } = fileStore();
    const secrets = createSafeStorageSecretStore({ safeStorage, store, platform: 'linux' });
    expect(await secrets.set('r9s', KEY, ORIGIN)).toEqual({
      secret: KEY,
      origin: ORIGIN,
      storage: 'os-encrypted',
    });

    const text = fileText();
    expect(text).toContain(CIPHERTEXT_PREFIX);
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(KEY.slice(-8));
    const saved = (
      JSON.parse(text) as Record<string, Record<string, { ciphertext: string; origin: string }>>
    )[SECRETS_KEY]!.r9s!;
    expect(saved.origin).toBe(ORIGIN);
    expect(saved.ciphertext.startsWith(CIPHERTEXT_PREFIX)).toBe(true);
    expect(saved.ciphertext.slice(3)).toMatch(/^[A-Za-z0-9+/]+=*$/);

    // A new process (a restart) reads it back from the file.
    const again = createSafeStorageSecretStore({ safeStorage, store, platform: 'linux' });
    expect(await again.get('r9s')).toEqual({ secret: KEY, origin: ORIGIN, storage: 'os-encrypted' });
    expect(safeStorage.calls).toContain('encryptStringAsync');
    expect(safeStorage.calls).toContain('decryptStringAsync');
    expect(safeStorage.calls).not.toContain('encryptString');
  });

  it('uses the synchronous API where the async one is missing', async () => {
    const safeStorage = new FakeSafeStorage();
    const { store } = fileStore();
    const secrets = createSafeStorageSecretStore({ safeStorage, store, platform: 'darwin' });
    await secrets.set('p1', KEY, ORIGIN);
    expect((await secrets.get('p1'))?.secret).toBe(KEY);
    expect(safeStorage.calls).toEqual(['isEncryptionAvailable', 'encryptString', 'decryptString']);
  });

  it('keeps the key for this session only when Linux reports the basic_text backend', async () => {
    const safeStorage = new FakeAsyncSafeStorage();
    safeStorage.backend = 'basic_text';
    const { store, fileText } = fileStore();
    const secrets = createSafeStorageSecretStore({ safeStorage, store, platform: 'linux' });
    const stored = await secrets.set('r9s', KEY, ORIGIN);
    expect(stored.storage).toBe('session');
    expect(stored.sessionOnlyReason).toMatch(/keyring/i);
    expect(await secrets.get('r9s')).toMatchObject({ secret: KEY, storage: 'session' });
    expect(fileText()).not.toContain(KEY);
    expect(safeStorage.calls).not.toContain('encryptStringAsync');
    // After a restart the session key is gone.
    expect(
      await createSafeStorageSecretStore({ safeStorage, store, platform: 'linux' }).get('r9s'),
    ).toBeUndefined();
  });

  it('keeps the key for this session only when encryption is unavailable', async () => {
    const safeStorage = new FakeSafeStorage();
    safeStorage.available = false;
    const { store } = fileStore();
    const secrets = createSafeStorageSecretStore({ safeStorage, store, platform: 'win32' });
    expect(await secrets.set('r9s', KEY, ORIGIN)).toMatchObject({ storage: 'session' });
    expect(store.get(SECRETS_KEY)).toBeUndefined();
  });

  /** A key stored encrypted in an earlier session, and a store whose OS now offers only basic_text. */
  const olderKeyThenBasicText = async () => {
    const safeStorage = new FakeAsyncSafeStorage();
    const { store } = fileStore();
    await createSafeStorageSecretStore({ safeStorage, store, platform: 'linux' }).set(
      'r9s',
      'sk-old-key-0000',
      ORIGIN,
    );
    safeStorage.backend = 'basic_text';
    return { safeStorage, store };
  };

  it('drops an older encrypted key when a session-only key replaces it', async () => {
    const { safeStorage, store } = await olderKeyThenBasicText();
    const secrets = createSafeStorageSecretStore({ safeStorage, store, platform: 'linux' });
    await secrets.set('r9s', KEY, ORIGIN);
    expect(store.get(SECRETS_KEY)).toEqual({});
  });

  it('keeps neither key in memory when dropping the older encrypted key fails to write', async () => {
    const { safeStorage, store } = await olderKeyThenBasicText();
    const failing: JsonStore = {
      ...store,
      set: () => {
        throw new Error('EACCES');
      },
    };
    const secrets = createSafeStorageSecretStore({ safeStorage, store: failing, platform: 'linux' });
    await expect(secrets.set('r9s', KEY, ORIGIN)).rejects.toThrow('EACCES');
    // The new key is not shown as set; the old one is still what the disk holds.
    expect((await secrets.get('r9s'))?.secret).not.toBe(KEY);
  });

  it('ignores basic_text off Linux (the backend is a Linux concept)', async () => {
    const safeStorage = new FakeAsyncSafeStorage();
    safeStorage.backend = 'basic_text';
    const { store } = fileStore();
    const secrets = createSafeStorageSecretStore({ safeStorage, store, platform: 'darwin' });
    expect((await secrets.set('r9s', KEY, ORIGIN)).storage).toBe('os-encrypted');
  });

  it('re-encrypts when safeStorage asks to', async () => {
    const safeStorage = new FakeAsyncSafeStorage();
    const { store } = fileStore();
    const secrets = createSafeStorageSecretStore({ safeStorage, store, platform: 'linux' });
    await secrets.set('r9s', KEY, ORIGIN);
    safeStorage.reEncrypt = true;
    safeStorage.calls.length = 0;
    expect((await secrets.get('r9s'))?.secret).toBe(KEY);
    expect(safeStorage.calls).toEqual(['decryptStringAsync', 'encryptStringAsync']);
  });

  it('reports an undecryptable key as absent (and logs without the ciphertext)', async () => {
    const safeStorage = new FakeAsyncSafeStorage();
    const { store } = fileStore();
    const warnings: string[] = [];
    const logger = {
      info: () => {},
      error: () => {},
      warn: (m: string, d?: object) => warnings.push(m + JSON.stringify(d)),
    };
    const secrets = createSafeStorageSecretStore({ safeStorage, store, platform: 'linux', logger });
    await secrets.set('r9s', KEY, ORIGIN);
    safeStorage.failDecrypt = true;
    expect(await secrets.get('r9s')).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).not.toContain(CIPHERTEXT_PREFIX);
  });

  it('rebinds to a confirmed origin and deletes, on disk and in memory', async () => {
    const safeStorage = new FakeAsyncSafeStorage();
    const { store } = fileStore();
    const secrets = createSafeStorageSecretStore({ safeStorage, store, platform: 'linux' });
    await secrets.set('a', KEY, ORIGIN);
    await secrets.set('b', 'sk-other-key-5678', ORIGIN);
    await secrets.rebind('a', 'https://other.example');
    expect((await secrets.get('a'))?.origin).toBe('https://other.example');
    await secrets.delete('a');
    expect(await secrets.get('a')).toBeUndefined();
    expect((await secrets.get('b'))?.secret).toBe('sk-other-key-5678');
  });

  it('ignores malformed entries in the file (stored data is unknown until narrowed)', async () => {
    const safeStorage = new FakeAsyncSafeStorage();
    const { store } = fileStore();
    store.set(SECRETS_KEY, { plain: { ciphertext: KEY, origin: ORIGIN }, junk: 42 });
    const secrets = createSafeStorageSecretStore({ safeStorage, store, platform: 'linux' });
    expect(await secrets.get('plain')).toBeUndefined();
    expect(await secrets.get('junk')).toBeUndefined();
  });
});
