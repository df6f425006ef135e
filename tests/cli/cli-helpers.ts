/**
 * Runs the command-line runner as a real child process (from source, through tsx, so no build is needed and the
 * code under test is the code in the tree) against the fake server, with inputs written to a temporary folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const root = new URL('../../', import.meta.url).pathname;
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** A key that must never appear in any output. */
export const SECRET = 'sk-cli-secret-4f9a8b7c6d5e';

/** What a finished child process left. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A running child; `done` resolves when it exits. */
export interface CliChild {
  child: ChildProcess;
  done: Promise<CliRun>;
  stderrSoFar(): string;
}

/** Starts `r9s-playground <args>` in `cwd` with only the given environment (plus PATH). */
export const startCli = (
  args: readonly string[],
  opts: { cwd: string; env?: Record<string, string> },
): CliChild => {
  const child = spawn(process.execPath, ['--import', tsx, join(root, 'main/cli/cli.ts'), ...args], {
    cwd: opts.cwd,
    env: { PATH: process.env['PATH'] ?? '', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<CliRun>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, done, stderrSoFar: () => stderr };
};

/** Runs the CLI to its end. */
export const runCli = (args: readonly string[], opts: { cwd: string; env?: Record<string, string> }) =>
  startCli(args, opts).done;

/** A temporary folder, removed by `cleanup`. */
export const createWorkspace = () => {
  const dir = mkdtempSync(join(tmpdir(), 'r9s-cli-'));
  return {
    dir,
    write(name: string, content: string | object): string {
      const path = join(dir, name);
      writeFileSync(path, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
      return path;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
};

/** A preset file with the given presets (name, params and whether the prompt is part of it). */
export const presetFile = (
  presets: { name: string; params: Record<string, unknown>; includesPrompt?: boolean; extraBody?: object }[],
) => ({
  format: 'r9s-playground/preset',
  version: 1,
  presets: presets.map((p) => ({
    name: p.name,
    description: '',
    params: { stream: true, prompt: '', ...p.params },
    includesPrompt: p.includesPrompt ?? false,
    ...(p.extraBody ? { extraBody: p.extraBody } : {}),
  })),
});

/** Waits until `test` holds, polling. */
export const waitFor = async (test: () => boolean, timeoutMs = 15_000): Promise<void> => {
  const started = Date.now();
  while (!test()) {
    if (Date.now() - started > timeoutMs) throw new Error('waitFor: timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
};
