#!/usr/bin/env node
// Renders assets/icon.svg (the one source) to every icon the packaged targets need, and commits-ready outputs:
//   assets/icons/<N>x<N>.png  Linux (AppImage/deb hicolor sizes), assets/icon.png (1024 px),
//   assets/icon.ico           Windows (PNG-compressed entries 16–256), assets/icon.icns  macOS (PNG entries 16–1024).
// Rasterized by Debian's Chromium through playwright-core (no image library is installed); the .ico and .icns
// containers are simple enough to write here: both just wrap PNG files. Run once after editing the SVG:
//   node scripts/make-icons.mjs
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { findChromium } from './find-chromium.mjs';

const assets = new URL('../assets/', import.meta.url).pathname;
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
/** At these sizes and below, the letters are a smudge: the icon keeps only the prompt and the cursor. */
const SIMPLE_AT_OR_BELOW = 32;

const svg = readFileSync(join(assets, 'icon.svg'), 'utf8');
const chromiumPath = findChromium().path;
if (!chromiumPath) throw new Error('make-icons needs Chromium (see scripts/find-chromium.mjs)');

const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
const pngs = new Map();
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const size of SIZES) {
    await page.setViewportSize({ width: size, height: size });
    const sized = svg.replace('width="1024" height="1024"', `width="${size}" height="${size}"`);
    const hide = size <= SIMPLE_AT_OR_BELOW ? '#detail{display:none}' : '';
    await page.setContent(
      `<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block}${hide}</style>${sized}`,
    );
    pngs.set(
      size,
      await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }),
    );
  }
} finally {
  await browser.close();
}

mkdirSync(join(assets, 'icons'), { recursive: true });
for (const [size, png] of pngs) writeFileSync(join(assets, 'icons', `${size}x${size}.png`), png);
writeFileSync(join(assets, 'icon.png'), pngs.get(1024));

/** ICO: a directory of entries, each pointing at an embedded PNG (Windows Vista and later read PNG entries). */
const ico = (sizes) => {
  const header = Buffer.alloc(6 + 16 * sizes.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(sizes.length, 4);
  let offset = header.length;
  sizes.forEach((size, i) => {
    const png = pngs.get(size);
    const at = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, at);
    header.writeUInt8(size >= 256 ? 0 : size, at + 1);
    header.writeUInt16LE(1, at + 4);
    header.writeUInt16LE(32, at + 6);
    header.writeUInt32LE(png.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...sizes.map((s) => pngs.get(s))]);
};

/** ICNS: 'icns' + total length, then typed chunks (type, length incl. its 8-byte header, PNG data). */
const icns = (entries) => {
  const chunks = entries.map(([type, size]) => {
    const png = pngs.get(size);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + chunks.reduce((n, c) => n + c.length, 0), 4);
  return Buffer.concat([head, ...chunks]);
};

writeFileSync(join(assets, 'icon.ico'), ico([16, 24, 32, 48, 64, 128, 256]));
writeFileSync(
  join(assets, 'icon.icns'),
  icns([
    ['icp4', 16],
    ['icp5', 32],
    ['icp6', 64],
    ['ic07', 128],
    ['ic08', 256],
    ['ic09', 512],
    ['ic10', 1024],
    ['ic11', 32],
    ['ic12', 64],
    ['ic13', 256],
    ['ic14', 512],
  ]),
);
console.log(`icons written to ${assets}: ${SIZES.join(', ')} px png, icon.ico, icon.icns`);
