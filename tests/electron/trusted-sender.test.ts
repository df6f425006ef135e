import { describe, expect, it } from 'vitest';
import {
  createTrustedSenders,
  isOurRendererUrl,
  type RendererLocation,
} from '../../main/electron/trusted-sender';
import { FakeWebContents } from './fakes';

const INDEX = 'file:///app/out/renderer/index.html';
const fileLocation: RendererLocation = { kind: 'file', href: INDEX };
const devLocation: RendererLocation = { kind: 'dev', url: 'http://localhost:5173/' };

describe('isOurRendererUrl', () => {
  it('matches our built index.html, ignoring query and fragment (client-side routes)', () => {
    expect(isOurRendererUrl(INDEX, fileLocation)).toBe(true);
    expect(isOurRendererUrl(`${INDEX}#/history`, fileLocation)).toBe(true);
    expect(isOurRendererUrl(`${INDEX}?x=1`, fileLocation)).toBe(true);
  });

  it.each([
    'file:///app/out/renderer/other.html',
    'file:///tmp/evil/index.html',
    'file://remote-host/app/out/renderer/index.html',
    'https://example.com/app/out/renderer/index.html',
    'about:blank',
    'not a url',
  ])('refuses %s in production', (url) => {
    expect(isOurRendererUrl(url, fileLocation)).toBe(false);
  });

  it('compares Windows paths case-insensitively and only on Windows', () => {
    const win: RendererLocation = { kind: 'file', href: 'file:///C:/App/out/renderer/index.html' };
    expect(isOurRendererUrl('file:///c:/app/out/renderer/index.html', win, 'win32')).toBe(true);
    expect(isOurRendererUrl('file:///c:/app/out/renderer/index.html', win, 'linux')).toBe(false);
  });

  it('in development, accepts only the dev server origin', () => {
    expect(isOurRendererUrl('http://localhost:5173/src/x.ts', devLocation)).toBe(true);
    expect(isOurRendererUrl('http://localhost:5174/', devLocation)).toBe(false);
    expect(isOurRendererUrl('http://127.0.0.1:5173/', devLocation)).toBe(false);
    expect(isOurRendererUrl(INDEX, devLocation)).toBe(false);
  });
});

describe('createTrustedSenders (design rule 4)', () => {
  it('trusts the main frame of a registered WebContents on our page', () => {
    const trusted = createTrustedSenders(fileLocation, 'linux');
    const contents = new FakeWebContents(INDEX);
    trusted.add(contents);
    expect(trusted.isTrusted({ sender: contents, senderFrame: contents.mainFrame })).toBe(true);
  });

  it('refuses a WebContents it did not create, even on our page', () => {
    const trusted = createTrustedSenders(fileLocation, 'linux');
    const stranger = new FakeWebContents(INDEX);
    expect(trusted.isTrusted({ sender: stranger, senderFrame: stranger.mainFrame })).toBe(false);
  });

  it('refuses subframes, vanished frames and navigated frames', () => {
    const trusted = createTrustedSenders(fileLocation, 'linux');
    const contents = new FakeWebContents(INDEX);
    trusted.add(contents);
    const sub = { url: INDEX, parent: contents.mainFrame };
    expect(trusted.isTrusted({ sender: contents, senderFrame: sub })).toBe(false);
    expect(trusted.isTrusted({ sender: contents, senderFrame: null })).toBe(false);
    contents.mainFrame.url = 'https://attacker.example/';
    expect(trusted.isTrusted({ sender: contents, senderFrame: contents.mainFrame })).toBe(false);
  });

  it('forgets a destroyed WebContents', () => {
    const trusted = createTrustedSenders(fileLocation, 'linux');
    const contents = new FakeWebContents(INDEX);
    trusted.add(contents);
    contents.destroy();
    expect(trusted.isTrusted({ sender: contents, senderFrame: contents.mainFrame })).toBe(false);
  });
});
