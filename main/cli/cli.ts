/**
 * The command-line entry (built to out/main/cli.js; `npx r9s-playground run …`, `npm run cli -- run …`). Wires the
 * runner to this process: arguments, environment, stdout/stderr, the real fetch and clock, and Ctrl+C. The first
 * Ctrl+C stops the grid and lets it write what finished; a second one quits at once (finished JSONL lines are
 * already on disk). Anything unexpected (a full disk at the final write, say) exits 3 with its message, so a CI
 * script can tell "the runner broke" from "some cells failed".
 */
import { systemClock } from '../core/provider';
import { EXIT, runCli } from './run-cli';

const main = async () => {
  let interrupts = 0;
  const code = await runCli({
    argv: process.argv.slice(2),
    env: process.env,
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    isStderrTTY: process.stderr.isTTY === true,
    fetch: globalThis.fetch,
    clock: systemClock,
    onInterrupt: (handler) => {
      process.on('SIGINT', () => {
        interrupts++;
        if (interrupts > 1) process.exit(EXIT.interrupted);
        handler();
      });
    },
  });
  // Let stdout drain before leaving (a pipe may still hold the JSON summary).
  process.stdout.write('', () => process.exit(code));
};

main().catch((error: unknown) => {
  process.stderr.write(
    `r9s-playground: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(EXIT.internal);
});
