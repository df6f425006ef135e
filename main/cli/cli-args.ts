/**
 * The command line of `r9s-playground run`: parsed into options or refused with a message naming the flag. The key
 * has no flag on purpose: it is read only from R9S_API_KEY, so it never lands in shell history or a process list.
 */
import { fail, ok, type Result } from '../../shared/result';
import { parseShard } from '../../shared/grid/cells';

/** The output formats `--out` writes, chosen by the file's extension. */
export type OutFormat = 'jsonl' | 'csv' | 'md' | 'html';

/** What `run` was asked to do. */
export interface CliOptions {
  /** Preset files and folders, as given. */
  presets: string[];
  prompt?: string;
  promptFile?: string;
  cases?: string;
  model?: string;
  baseUrl?: string;
  concurrency: number;
  repeat: number;
  shard?: { index: number; total: number };
  out?: { path: string; format: OutFormat };
  json: boolean;
  /** Keep the succeeded lines of the --out JSONL file and run every other cell. */
  resume: boolean;
}

/** The help text. */
export const USAGE = `Usage: r9s-playground run <preset files or folders…> [options]

Runs every preset (a column) on every test case (a row) against an OpenAI-compatible /v1/completions server.

Options:
  --prompt <text>        the prompt template (use {{name}} for a variable); else each preset's own prompt
  --prompt-file <file>   read the prompt template from a file
  --cases <file>         test cases: .csv, .tsv, .jsonl or .cases.json (one column per variable)
  --model <id>           run every preset on this model
  --base-url <url>       the server (default: R9S_BASE_URL); the key is read only from R9S_API_KEY
  --concurrency <n>      requests at once (default 4)
  --repeat <k>           run every cell k times (the output reports how many distinct outputs came back)
  --shard <i/n>          run only shard i of n (shards of the same inputs cover every cell exactly once)
  --out <file>           write results: .jsonl, .csv, .md, or .html (the app's report, one self-contained file)
  --resume               keep the succeeded lines already in the --out .jsonl file, run every other cell
  --json                 print a machine-readable summary on stdout
  -h, --help             show this help

Exit codes: 0 every cell ran, 1 some cells failed, 2 bad input, 3 the runner failed, 130 stopped with Ctrl+C.
`;

const VALUE_FLAGS = new Set([
  '--prompt',
  '--prompt-file',
  '--cases',
  '--model',
  '--base-url',
  '--concurrency',
  '--repeat',
  '--shard',
  '--out',
]);

const intIn = (flag: string, text: string, min: number, max: number): Result<number> => {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n < min || n > max) {
    return fail(
      'invalid_input',
      `${flag}: expected a whole number from ${min} to ${max}, got "${text.slice(0, 40)}"`,
      {
        param: flag,
      },
    );
  }
  return ok(n);
};

const outOf = (path: string): Result<{ path: string; format: OutFormat }> => {
  const lower = path.toLowerCase();
  if (lower.endsWith('.jsonl')) return ok({ path, format: 'jsonl' });
  if (lower.endsWith('.csv')) return ok({ path, format: 'csv' });
  if (lower.endsWith('.md')) return ok({ path, format: 'md' });
  if (lower.endsWith('.html') || lower.endsWith('.htm')) return ok({ path, format: 'html' });
  return fail('invalid_input', `--out ${path}: expected a file ending in .jsonl, .csv, .md or .html`, {
    param: '--out',
  });
};

/** Parses the arguments after the program name; `help` when asked for it. */
export const parseCliArgs = (argv: readonly string[]): Result<CliOptions | 'help'> => {
  if (argv.length === 0 || argv.includes('-h') || argv.includes('--help')) return ok('help');
  const [command, ...rest] = argv;
  if (command !== 'run') {
    return fail('invalid_input', `unknown command "${String(command).slice(0, 40)}" (the command is "run")`);
  }
  const values = new Map<string, string>();
  const presets: string[] = [];
  let json = false;
  let resume = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    if (arg === '--json' || arg === '--resume') {
      if (arg === '--json') json = true;
      else resume = true;
      continue;
    }
    if (arg === '--api-key' || arg.startsWith('--api-key=') || arg === '--key') {
      return fail(
        'invalid_input',
        `${arg.split('=')[0]}: the key is read only from the R9S_API_KEY environment variable`,
        {
          param: '--api-key',
        },
      );
    }
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (VALUE_FLAGS.has(flag)) {
      const value = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : rest[++i];
      if (value === undefined) return fail('invalid_input', `${flag}: a value is missing`, { param: flag });
      if (values.has(flag)) return fail('invalid_input', `${flag}: given twice`, { param: flag });
      values.set(flag, value);
      continue;
    }
    if (arg.startsWith('-'))
      return fail('invalid_input', `unknown option "${arg.slice(0, 40)}" (see --help)`);
    presets.push(arg);
  }
  if (presets.length === 0) return fail('invalid_input', 'no preset files or folders given (see --help)');
  if (values.has('--prompt') && values.has('--prompt-file')) {
    return fail('invalid_input', '--prompt and --prompt-file: give one of them', { param: '--prompt' });
  }
  const concurrency = intIn('--concurrency', values.get('--concurrency') ?? '4', 1, 64);
  if (!concurrency.ok) return concurrency;
  const repeat = intIn('--repeat', values.get('--repeat') ?? '1', 1, 100);
  if (!repeat.ok) return repeat;
  const options: CliOptions = {
    presets,
    concurrency: concurrency.value,
    repeat: repeat.value,
    json,
    resume,
  };
  const shardText = values.get('--shard');
  if (shardText !== undefined) {
    const shard = parseShard(shardText);
    if (!shard.ok) return fail('invalid_input', `--shard ${shard.error.message}`, { param: '--shard' });
    options.shard = shard.value;
  }
  const outText = values.get('--out');
  if (outText !== undefined) {
    const out = outOf(outText);
    if (!out.ok) return out;
    options.out = out.value;
  }
  if (resume && options.out?.format !== 'jsonl') {
    return fail('invalid_input', '--resume: it continues a --out results file ending in .jsonl', {
      param: '--resume',
    });
  }
  for (const [flag, key] of [
    ['--prompt', 'prompt'],
    ['--prompt-file', 'promptFile'],
    ['--cases', 'cases'],
    ['--model', 'model'],
    ['--base-url', 'baseUrl'],
  ] as const) {
    const value = values.get(flag);
    if (value !== undefined) options[key] = value;
  }
  return ok(options);
};
