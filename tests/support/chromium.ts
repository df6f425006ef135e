/**
 * How every browser run here launches Debian's Chromium (never a downloaded browser): the path from CHROMIUM_PATH
 * (set by scripts/test.mjs) and the flags without which headless Chromium floods our closed network or needs a GPU.
 */
export const chromiumPath = (): string => process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Launch flags for headless Chromium on our machines. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];
