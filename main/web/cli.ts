/**
 * `npm run web` (built to out/main/web.js): serves the built renderer and the API on 127.0.0.1 and prints exactly one
 * line on stdout, the URL with this launch's token. Everything else goes to stderr.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseWebCli } from './cli-options';
import { startWebMode } from './start-web';

const main = async () => {
  const options = parseWebCli(process.argv.slice(2), process.env);
  const staticDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer');
  if (!existsSync(join(staticDir, 'index.html'))) {
    throw new Error(`the renderer is not built (${staticDir}/index.html is missing): run npm run build`);
  }
  const web = await startWebMode(options, staticDir);
  process.stdout.write(`${web.line}\n`);
  let isStopping = false;
  const stop = () => {
    if (isStopping) return;
    isStopping = true;
    web.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // A launcher killed without passing a signal on (npm under SIGKILL) must not leave web mode holding the port.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) stop();
  }, 500).unref();
};

main().catch((error: unknown) => {
  process.stderr.write(`r9s Playground web: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
