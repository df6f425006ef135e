import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../main/cli/cli-args';
import { createProgressReporter, formatDuration, progressText } from '../../main/cli/progress-reporter';
import { createScrubber } from '../../main/cli/result-files';
import { servedBy } from '../../main/cli/cell-runner';
import type { GridProgress } from '../../shared/grid/grid-types';
import { root, runCli } from './cli-helpers';

const progress = (over: Partial<GridProgress> = {}): GridProgress => ({
  total: 40,
  done: 11,
  failed: 1,
  running: 4,
  remaining: 28,
  elapsedMs: 12_000,
  etaMs: 30_500,
  isRunning: true,
  ...over,
});

describe('arguments', () => {
  it('reads every option, in both --flag value and --flag=value forms', () => {
    const r = parseCliArgs([
      'run',
      'a.preset.json',
      'team/',
      '--prompt=Say {{x}}',
      '--cases',
      'c.csv',
      '--model',
      'm',
      '--base-url=http://h',
      '--concurrency',
      '8',
      '--repeat=3',
      '--shard',
      '2/5',
      '--out',
      'r.CSV',
      '--json',
    ]);
    expect(r).toEqual({
      ok: true,
      value: {
        presets: ['a.preset.json', 'team/'],
        prompt: 'Say {{x}}',
        cases: 'c.csv',
        model: 'm',
        baseUrl: 'http://h',
        concurrency: 8,
        repeat: 3,
        shard: { index: 2, total: 5 },
        out: { path: 'r.CSV', format: 'csv' },
        json: true,
        resume: false,
      },
    });
  });

  it('asks for help, and refuses what it cannot use with the flag named', () => {
    expect(parseCliArgs([])).toEqual({ ok: true, value: 'help' });
    expect(parseCliArgs(['run', '--help'])).toEqual({ ok: true, value: 'help' });
    const error = (args: string[]) => {
      const r = parseCliArgs(args);
      return r.ok ? '' : r.error.message;
    };
    expect(error(['go', 'x'])).toMatch(/unknown command "go"/);
    expect(error(['run'])).toMatch(/no preset files/);
    expect(error(['run', 'p', '--prompt', 'a', '--prompt-file', 'f'])).toMatch(/give one of them/);
    expect(error(['run', 'p', '--prompt'])).toMatch(/--prompt: a value is missing/);
    expect(error(['run', 'p', '--model', 'a', '--model', 'b'])).toMatch(/--model: given twice/);
    expect(error(['run', 'p', '--repeat', '101'])).toMatch(/--repeat: expected a whole number from 1 to 100/);
    expect(error(['run', 'p', '--out', 'x.txt'])).toMatch(
      /expected a file ending in \.jsonl, \.csv, \.md or \.html/,
    );
    expect(error(['run', 'p', '--api-key=sk'])).toMatch(/--api-key: the key is read only from/);
    expect(error(['run', 'p', '--resume', '--out', 'r.csv'])).toMatch(
      /--resume: it continues a --out results file/,
    );
    expect(parseCliArgs(['run', 'p', '--resume', '--out', 'r.jsonl'])).toMatchObject({
      ok: true,
      value: { resume: true },
    });
  });
});

describe('progress', () => {
  it('formats counts, elapsed time and the ETA', () => {
    expect(formatDuration(61_000)).toBe('1:01');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
    expect(progressText(progress())).toBe('12/40 done · 1 failed · 28 left · 0:12 elapsed · ETA 0:31');
    expect(progressText(progress({ failed: 0, etaMs: undefined }))).toBe(
      '11/40 done · 28 left · 0:12 elapsed',
    );
  });

  it('redraws one bar on a terminal and writes throttled plain lines otherwise', () => {
    let now = 0;
    const tty: string[] = [];
    const bar = createProgressReporter({ write: (t) => void tty.push(t), isTTY: true, now: () => now });
    bar.update(progress());
    bar.update(progress({ done: 12 }));
    now = 200;
    bar.update(progress({ done: 13 }));
    bar.line('rate limited');
    bar.end(progress({ done: 39, remaining: 0 }));
    expect(tty[0]?.startsWith('\r\u001b[2K[')).toBe(true);
    expect(tty[0]).toMatch(/\[#+-+\] 12\/40 done/);
    expect(tty).toHaveLength(5);
    expect(tty[2]).toBe('\r\x1b[2K');
    expect(tty[3]).toBe('rate limited\n');
    expect(tty[4]).toMatch(/\[#{24}\] 40\/40 done.*\n$/);

    now = 0;
    const plain: string[] = [];
    const log = createProgressReporter({ write: (t) => void plain.push(t), isTTY: false, now: () => now });
    log.update(progress());
    now = 1_000;
    log.update(progress({ done: 12 }));
    now = 2_500;
    log.update(progress({ done: 13 }));
    log.end(progress({ done: 39, remaining: 0 }));
    expect(plain).toEqual([
      'progress: 12/40 done · 1 failed · 28 left · 0:12 elapsed · ETA 0:31\n',
      'progress: 14/40 done · 1 failed · 28 left · 0:12 elapsed · ETA 0:31\n',
      'progress: 40/40 done · 1 failed · 0 left · 0:12 elapsed\n',
    ]);
    expect(plain.join('')).not.toContain('\r');
  });
});

describe('secrets and server details', () => {
  it('scrubs the key as written and JSON-escaped, but not a key too short to scrub safely', () => {
    const scrub = createScrubber('sk-"quoted"-key');
    expect(scrub('a sk-"quoted"-key b {"k":"sk-\\"quoted\\"-key"}')).toBe(
      'a [redacted] b {"k":"[redacted]"}',
    );
    expect(createScrubber('abc')('abc')).toBe('abc');
    expect(createScrubber(undefined)('x')).toBe('x');
  });

  it('reads system_fingerprint and the served model from the last payload', () => {
    expect(servedBy('data: {"system_fingerprint":"fp_1","model":"m"}')).toEqual({
      systemFingerprint: 'fp_1',
      model: 'm',
    });
    expect(servedBy('{"system_fingerprint":"","model":3}')).toEqual({});
    expect(servedBy('not json')).toEqual({});
    expect(servedBy(undefined)).toEqual({});
  });
});

describe('the r9s-playground command', () => {
  it('is the package bin and the npm run cli script, and answers --help', async () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
      scripts: Record<string, string>;
    };
    expect(pkg.bin['r9s-playground']).toBe('main/cli/bin.mjs');
    expect(pkg.scripts['cli']).toBe('node main/cli/bin.mjs');
    expect(readFileSync(join(root, 'main/cli/bin.mjs'), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
    const help = await runCli(['--help'], { cwd: root });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: r9s-playground run <preset files or folders…>/);
  });

  it('runs the built command through bin.mjs (building it first when it is missing or stale)', () => {
    const r = spawnSync(process.execPath, [join(root, 'main/cli/bin.mjs'), 'run', '--shard', 'x', 'p'], {
      cwd: root,
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] ?? '' },
    });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/r9s-playground: --shard "x": expected i\/n/);
  }, 180_000);
});
