import { describe, expect, it } from 'vitest';
import {
  createTrustedSenders,
  isOurRendererUrl,
  type RendererLocation,
} from '../../main/electron/trusted-sender';
import { FakeWebContents } from './fakes';

const INDEX = 'app://playground/index.html';
const appLocation: RendererLocation = { kind: 'app', url: INDEX, dir: '/app/out/renderer' };
const devLocation: RendererLocation = { kind: 'dev', url: 'http://localhost:5173/' };

describe('isOurRendererUrl', () => {
  it('matches our app:// origin: the page, its assets, any query or fragment', () => {
    expect(isOurRendererUrl(INDEX, appLocation)).toBe(true);
    expect(isOurRendererUrl(`${INDEX}#/history`, appLocation)).toBe(true);
    expect(isOurRendererUrl(`${INDEX}?x=1`, appLocation)).toBe(true);
    expect(isOurRendererUrl('app://playground/assets/index-abc.js', appLocation)).toBe(true);
    // The origin a permission check hands over.
    expect(isOurRendererUrl('app://playground', appLocation)).toBe(true);
  });

  it.each([
    'file:///app/out/renderer/index.html',
    'file:///etc/passwd',
    'app://other/index.html',
    'app://user:pw@playground/index.html',
    'apps://playground/index.html',
    'https://playground/index.html',
    'https://example.com/app/out/renderer/index.html',
    'about:blank',
    'not a url',
  ])('refuses %s in production', (url) => {
    expect(isOurRendererUrl(url, appLocation)).toBe(false);
  });

  it('in development, accepts only the dev server origin', () => {
    expect(isOurRendererUrl('http://localhost:5173/src/x.ts', devLocation)).toBe(true);
    expect(isOurRendererUrl('http://localhost:5174/', devLocation)).toBe(false);
    expect(isOurRendererUrl('http://127.0.0.1:5173/', devLocation)).toBe(false);
    expect(isOurRendererUrl(INDEX, devLocation)).toBe(false);
  });
});

describe('createTrustedSenders', () => {
  it('trusts the main frame of a registered WebContents on our page', () => {
    const trusted = createTrustedSenders(appLocation);
    const contents = new FakeWebContents(INDEX);
    trusted.add(contents);
    expect(trusted.isTrusted({ sender: contents, senderFrame: contents.mainFrame })).toBe(true);
  });

  it('refuses a WebContents it did not create, even on our page', () => {
    const trusted = createTrustedSenders(appLocation);
    const stranger = new FakeWebContents(INDEX);
    expect(trusted.isTrusted({ sender: stranger, senderFrame: stranger.mainFrame })).toBe(false);
  });

  it('refuses subframes, vanished frames and navigated frames', () => {
    const trusted = createTrustedSenders(appLocation);
    const contents = new FakeWebContents(INDEX);
    trusted.add(contents);
    const sub = { url: INDEX, parent: contents.mainFrame };
    expect(trusted.isTrusted({ sender: contents, senderFrame: sub })).toBe(false);
    expect(trusted.isTrusted({ sender: contents, senderFrame: null })).toBe(false);
    contents.mainFrame.url = 'https://attacker.example/';
    expect(trusted.isTrusted({ sender: contents, senderFrame: contents.mainFrame })).toBe(false);
  });

  it('forgets a destroyed WebContents', () => {
    const trusted = createTrustedSenders(appLocation);
    const contents = new FakeWebContents(INDEX);
    trusted.add(contents);
    contents.destroy();
    expect(trusted.isTrusted({ sender: contents, senderFrame: contents.mainFrame })).toBe(false);
  });
});
