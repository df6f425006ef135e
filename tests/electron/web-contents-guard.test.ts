/** The app-wide guard applied to every WebContents Electron creates. */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { isOurRendererUrl, type RendererLocation } from '../../main/electron/trusted-sender';
import { guardAllWebContents } from '../../main/electron/web-contents-guard';
import { FakeWebContents } from './fakes';

const renderer: RendererLocation = {
  kind: 'app',
  url: 'app://playground/index.html',
  dir: '/app/out/renderer',
};

const guarded = () => {
  const app = new EventEmitter();
  guardAllWebContents(app, (url) => isOurRendererUrl(url, renderer));
  const contents = new FakeWebContents();
  app.emit('web-contents-created', {}, contents);
  /** Emits a navigation event the way Electron does (the details object is the event) and says if it was stopped. */
  const navigate = (event: string, url: string) => {
    let prevented = false;
    contents.emit(event, { url, preventDefault: () => (prevented = true) });
    return prevented;
  };
  return { contents, navigate };
};

describe('guardAllWebContents', () => {
  it('denies <webview> attachment and every new window', () => {
    const { contents } = guarded();
    expect(contents.emitPreventable('will-attach-webview', {}, { src: 'https://evil.example/' })).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://r9s.ai/' })).toEqual({ action: 'deny' });
  });

  it.each(['will-frame-navigate', 'will-redirect'])('%s: stays on our origin, nowhere else', (event) => {
    const { navigate } = guarded();
    expect(navigate(event, 'app://playground/index.html#/history')).toBe(false);
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'app://other/index.html',
      'http://localhost:5173/',
      'javascript:alert(1)',
    ])
      expect(navigate(event, url)).toBe(true);
  });
});
