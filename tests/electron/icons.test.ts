/** The icon set electron-builder.yml points at: every size and container, made from assets/icon.svg. */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const assets = new URL('../../assets/', import.meta.url).pathname;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk. */
const pngSize = (png: Buffer) => {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
};

describe('assets', () => {
  it('has the one SVG source', () => {
    expect(readFileSync(`${assets}icon.svg`, 'utf8')).toMatch(/^<svg [^>]*viewBox="0 0 1024 1024"/);
  });

  it.each([16, 24, 32, 48, 64, 128, 256, 512, 1024])('has a %i px Linux PNG of that size', (size) => {
    expect(pngSize(readFileSync(`${assets}icons/${size}x${size}.png`))).toEqual([size, size]);
  });

  it('has a Windows .ico whose entries are PNGs of the sizes they claim, up to 256', () => {
    const ico = readFileSync(`${assets}icon.ico`);
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const sizes: number[] = [];
    for (let i = 0; i < ico.readUInt16LE(4); i += 1) {
      const at = 6 + 16 * i;
      const claimed = ico.readUInt8(at) || 256;
      const png = ico.subarray(
        ico.readUInt32LE(at + 12),
        ico.readUInt32LE(at + 12) + ico.readUInt32LE(at + 8),
      );
      expect(pngSize(png)).toEqual([claimed, claimed]);
      sizes.push(claimed);
    }
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
  });

  it('has a macOS .icns whose chunks fill the file and include 1024 px', () => {
    const icns = readFileSync(`${assets}icon.icns`);
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const found = new Map<string, number[]>();
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) {
      found.set(icns.subarray(at, at + 4).toString('latin1'), pngSize(icns.subarray(at + 8)));
    }
    expect(found.get('icp4')).toEqual([16, 16]);
    expect(found.get('ic07')).toEqual([128, 128]);
    expect(found.get('ic10')).toEqual([1024, 1024]);
  });

  it('is what electron-builder.yml names', () => {
    const yml = readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8');
    for (const path of [...yml.matchAll(/icon: (\S+)/g)].map((m) => m[1]!)) {
      expect(existsSync(new URL(`../../${path}`, import.meta.url))).toBe(true);
    }
    expect(existsSync(new URL('../../build/entitlements.mac.plist', import.meta.url))).toBe(true);
  });
});
