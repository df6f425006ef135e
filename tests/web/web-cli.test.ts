import { describe, expect, it } from 'vitest';
import {
  createMemorySecretStore,
  WEB_SESSION_ONLY_REASON,
} from '../../main/core/secrets/memory-secret-store';
import { defaultDataDir, parseWebCli } from '../../main/web/cli-options';
import { createStderrLogger } from '../../main/web/web-logger';

describe('web mode options', () => {
  it('reads --port, --port=, PORT, and defaults to a free port', () => {
    expect(parseWebCli([], {}).port).toBe(0);
    expect(parseWebCli([], { PORT: '8123' }).port).toBe(8123);
    expect(parseWebCli(['--port', '9000'], { PORT: '8123' }).port).toBe(9000);
    expect(parseWebCli(['--port=9001'], {}).port).toBe(9001);
    expect(() => parseWebCli(['--port', 'x'], {})).toThrow(/invalid port/);
    expect(() => parseWebCli(['--bogus'], {})).toThrow(/unknown argument/);
  });

  it('finds the data directory and the seed of the r9s profile', () => {
    expect(defaultDataDir({}, '/home/u')).toBe('/home/u/.config/r9s-playground');
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/x' }, '/home/u')).toBe('/x/r9s-playground');
    expect(defaultDataDir({ R9S_PLAYGROUND_HOME: '/data', XDG_CONFIG_HOME: '/x' })).toBe('/data');
    expect(parseWebCli([], { R9S_BASE_URL: ' http://h/v1 ', R9S_API_KEY: ' k ' })).toMatchObject({
      baseUrl: 'http://h/v1',
      apiKey: 'k',
    });
  });

  it('logs to stderr without the key or any bearer value, and skips info unless verbose', () => {
    const lines: string[] = [];
    const logger = createStderrLogger({
      knownSecrets: () => ['sk-known-secret'],
      write: (l) => void lines.push(l),
    });
    logger.info('quiet');
    logger.warn('leak sk-known-secret', { header: 'Bearer abc.def' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/sk-known-secret|abc\.def/);
    expect(lines[0]).toContain('[redacted]');
  });

  it('keeps web-mode keys in memory for the session, bound to an origin', async () => {
    const secrets = createMemorySecretStore();
    expect(await secrets.set('p', 'sk-1', 'http://a')).toEqual({
      secret: 'sk-1',
      origin: 'http://a',
      storage: 'session',
      sessionOnlyReason: WEB_SESSION_ONLY_REASON,
    });
    await secrets.rebind('p', 'http://b');
    expect((await secrets.get('p'))?.origin).toBe('http://b');
    await secrets.delete('p');
    expect(await secrets.get('p')).toBeUndefined();
  });
});
