/**
 * The child process of web-memory.test.ts: web mode composed exactly as `npm run web` does it, on a temp data
 * folder, pointed at the parent's fake server. It reports its resident memory every 50 ms over IPC, so the parent
 * measures this process alone, not the test runner or the fake server.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startWebMode } from '../../main/web/start-web';

const dataDir = process.env['MEMORY_HOST_DATA'] ?? '';
const baseUrl = process.env['R9S_BASE_URL'] ?? '';
const staticDir = join(dataDir, 'static');
mkdirSync(staticDir, { recursive: true });
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>memory host</title>');

// A callback makes a failed send (the parent just disconnected) an ignored error instead of a crash mid-shutdown.
const send = (message: unknown) => {
  if (process.connected) process.send?.(message, undefined, undefined, () => undefined);
};

const mode = await startWebMode({ port: 0, dataDir, baseUrl, verbose: false }, staticDir);
const token = new URL(mode.line.slice(mode.line.indexOf('http'))).searchParams.get('token');
send({ type: 'ready', port: mode.server.port, token, rss: process.memoryUsage().rss });
const reporter = setInterval(() => send({ type: 'rss', rss: process.memoryUsage().rss }), 50);
// The parent ends the test by disconnecting (or dying): stop as `npm run web` does on Ctrl+C, then leave.
process.on('disconnect', () => {
  clearInterval(reporter);
  void mode.stop().finally(() => process.exit(0));
});
