import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JsonStore } from '../../main/core/ports';
import { buildMenuTemplate } from '../../main/electron/app-menu';
import { createFileLogWrite, createRedactingLogger, REDACTED, redactText } from '../../main/electron/logger';
import {
  DEFAULT_BOUNDS,
  loadWindowBounds,
  MIN_SIZE,
  restoreBounds,
  trackWindowBounds,
} from '../../main/electron/window-state';

const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];

describe('window bounds', () => {
  it('restores a saved window that is on a display', () => {
    expect(restoreBounds({ x: 100, y: 50, width: 1000, height: 700, maximized: true }, screen)).toEqual({
      x: 100,
      y: 50,
      width: 1000,
      height: 700,
      maximized: true,
    });
  });

  it('drops a position that is off every display (a monitor was unplugged), keeping the size', () => {
    expect(restoreBounds({ x: 3000, y: 50, width: 1000, height: 700 }, screen)).toEqual({
      width: 1000,
      height: 700,
      maximized: false,
    });
  });

  it('narrows garbage to defaults and clamps tiny sizes', () => {
    expect(restoreBounds('nope', screen)).toEqual(DEFAULT_BOUNDS);
    expect(restoreBounds({ width: 'wide', height: 10 }, screen)).toEqual(DEFAULT_BOUNDS);
    expect(restoreBounds({ width: 10, height: Number.NaN }, screen)).toEqual(DEFAULT_BOUNDS);
    expect(restoreBounds({ width: 10, height: 10 }, screen)).toMatchObject(MIN_SIZE);
  });

  it('saves normal bounds and the maximized flag on close, and reads them back', () => {
    const data = new Map<string, unknown>();
    const store: JsonStore = {
      get: (k) => data.get(k),
      set: (k, v) => data.set(k, v),
      delete: (k) => data.delete(k),
    };
    let onClose: (() => void) | undefined;
    trackWindowBounds(
      {
        getNormalBounds: () => ({ x: 10, y: 20, width: 900, height: 600 }),
        isMaximized: () => true,
        on: (_e, l) => (onClose = l),
      },
      store,
    );
    onClose!();
    expect(loadWindowBounds(store, screen)).toEqual({
      x: 10,
      y: 20,
      width: 900,
      height: 600,
      maximized: true,
    });
  });
});

describe('application menu', () => {
  it('has the Edit roles on every platform, and the app menu on macOS', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const roles = buildMenuTemplate(platform, true).map((m) => m.role);
      expect(roles).toContain('editMenu');
      expect(roles.includes('appMenu')).toBe(platform === 'darwin');
    }
  });

  it('offers developer tools only in an unpackaged app', () => {
    const devTools = (packaged: boolean) =>
      JSON.stringify(buildMenuTemplate('linux', packaged)).includes('toggleDevTools');
    expect(devTools(false)).toBe(true);
    expect(devTools(true)).toBe(false);
  });
});

describe('redacting logger', () => {
  const KEY = 'sk-live-abcdefghijklmnop1234';

  it('redacts bearer tokens, sk- keys, key query parameters and known secrets in text', () => {
    expect(redactText(`Authorization: Bearer ${KEY}`)).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(redactText(`key was ${KEY}.`)).toBe(`key was ${REDACTED}.`);
    expect(redactText('GET /v1/models?api_key=abc123&x=1')).toBe(`GET /v1/models?api_key=${REDACTED}&x=1`);
    expect(redactText('my key is hunter2-secret', ['hunter2-secret'])).toBe(`my key is ${REDACTED}`);
  });

  it('redacts secret-named fields whole and nested strings by pattern', () => {
    const lines: string[] = [];
    const logger = createRedactingLogger(
      (_l, line) => lines.push(line),
      () => ['plain-known-secret'],
    );
    logger.warn('request failed', {
      apiKey: 'anything',
      headers: { Authorization: 'Bearer x', 'x-trace': 'ok' },
      nested: [{ text: `echo ${KEY}` }, 'plain-known-secret'],
      profileId: 'r9s',
    });
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    expect(line).toMatch(/ WARN request failed /);
    expect(line).not.toContain(KEY);
    expect(line).not.toContain('anything');
    expect(line).not.toContain('plain-known-secret');
    expect(line).toContain('"x-trace":"ok"');
    expect(line).toContain('"profileId":"r9s"');
  });

  it('appends to a log file and never throws when it cannot', () => {
    const dir = mkdtempSync(join(tmpdir(), 'r9s-log-'));
    try {
      const write = createFileLogWrite(join(dir, 'logs', 'main.log'));
      write('info', 'one');
      write('error', 'two');
      expect(readFileSync(join(dir, 'logs', 'main.log'), 'utf8')).toBe('one\ntwo\n');
      // Under a regular file: every mkdir/append fails with ENOTDIR.
      const broken = createFileLogWrite(join(dir, 'logs', 'main.log', 'sub', 'x.log'));
      expect(() => broken('info', 'x')).not.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
