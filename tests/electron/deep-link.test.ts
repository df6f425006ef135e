import { describe, expect, it } from 'vitest';
import {
  createImportRequestRouter,
  findDeepLinkCode,
  MAX_SHARE_CODE_LENGTH,
  parseDeepLink,
} from '../../main/electron/deep-link';

describe('parseDeepLink', () => {
  it('accepts the import link in the forms launchers produce', () => {
    expect(parseDeepLink('r9s-playground://import?code=AbC_-09')).toBe('AbC_-09');
    expect(parseDeepLink('r9s-playground://import/?code=xyz')).toBe('xyz');
    expect(parseDeepLink('r9s-playground:import?code=xyz')).toBe('xyz');
    expect(parseDeepLink('R9S-PLAYGROUND://import?code=xyz')).toBe('xyz');
  });

  it.each([
    ['another scheme', 'https://import?code=abc'],
    ['another action', 'r9s-playground://export?code=abc'],
    ['a path after import', 'r9s-playground://import/more?code=abc'],
    ['credentials', 'r9s-playground://user:pw@import?code=abc'],
    ['a port', 'r9s-playground://import:80?code=abc'],
    ['no code', 'r9s-playground://import'],
    ['an empty code', 'r9s-playground://import?code='],
    ['two codes', 'r9s-playground://import?code=a&code=b'],
    ['an extra parameter', 'r9s-playground://import?code=a&then=b'],
    ['characters outside base64url', 'r9s-playground://import?code=ab%3Cscript%3E'],
    ['padding', 'r9s-playground://import?code=abc='],
    ['base64 plus/slash', 'r9s-playground://import?code=a+b/c'],
    ['not a URL', 'import?code=abc'],
  ])('refuses %s', (_label, url) => {
    expect(parseDeepLink(url)).toBeNull();
  });

  it('bounds the code length', () => {
    expect(parseDeepLink(`r9s-playground://import?code=${'a'.repeat(MAX_SHARE_CODE_LENGTH)}`)).toHaveLength(
      MAX_SHARE_CODE_LENGTH,
    );
    expect(parseDeepLink(`r9s-playground://import?code=${'a'.repeat(MAX_SHARE_CODE_LENGTH + 1)}`)).toBeNull();
  });

  it('narrows unknown input', () => {
    expect(parseDeepLink(undefined)).toBeNull();
    expect(parseDeepLink(42)).toBeNull();
    expect(parseDeepLink({ href: 'r9s-playground://import?code=a' })).toBeNull();
  });
});

describe('findDeepLinkCode', () => {
  it('finds the link anywhere in argv, skipping flags and invalid links', () => {
    const argv = [
      '/opt/r9s/r9s-playground',
      '--allow-file-access-from-files',
      'r9s-playground://import?code=bad!',
      'r9s-playground://import?code=good',
    ];
    expect(findDeepLinkCode(argv)).toBe('good');
    expect(findDeepLinkCode(['/opt/r9s/r9s-playground', '.'])).toBeNull();
  });
});

describe('createImportRequestRouter', () => {
  const target = () => {
    const sent: unknown[][] = [];
    let destroyed = false;
    return {
      sent,
      destroy: () => (destroyed = true),
      send: (...args: unknown[]) => void sent.push(args),
      isDestroyed: () => destroyed,
    };
  };

  it('queues codes until a window is attached, then delivers in order on the channel', () => {
    const router = createImportRequestRouter('chan');
    router.request('one');
    router.request('two');
    const t = target();
    router.attach(t);
    router.request('three');
    expect(t.sent).toEqual([
      ['chan', 'one'],
      ['chan', 'two'],
      ['chan', 'three'],
    ]);
  });

  it('queues again after detach or when the target is destroyed, keeping only the newest few', () => {
    const router = createImportRequestRouter('chan', 2);
    const first = target();
    router.attach(first);
    router.detach();
    router.request('a');
    first.destroy();
    router.attach(first);
    router.request('b');
    router.request('c');
    expect(first.sent).toEqual([]);
    const second = target();
    router.attach(second);
    expect(second.sent).toEqual([
      ['chan', 'b'],
      ['chan', 'c'],
    ]);
  });
});
