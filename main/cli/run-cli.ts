/**
 * `r9s-playground run`: reads presets and cases, runs the grid on the app's engine through the grid scheduler, and
 * writes results. Exit codes: 0 every cell ran, 1 some cells failed, 2 bad input (before any request), 3 the runner
 * itself failed, 130 stopped by Ctrl+C (after writing every finished cell). Progress and notices go to stderr; stdout carries only the result
 * (the Markdown table when there is no --out, or with --json one JSON document).
 */
import { planCells, shardCells } from '../../shared/grid/cells';
import { determinismOf } from '../../shared/grid/determinism';
import { buildResultLines } from '../../shared/grid/exports';
import type { GridCell, GridProgress } from '../../shared/grid/grid-types';
import { toResultLine } from '../../shared/grid/result-line';
import { createGridScheduler, type GridEvent } from '../../shared/grid/scheduler';
import type { Clock, FetchLike } from '../core/ports';
import { parseCliArgs, USAGE, type CliOptions } from './cli-args';
import { createCellRunner, gridTarget } from './cell-runner';
import { CliInputError, loadInputs, type CliInputs } from './load-inputs';
import { createProgressReporter, formatDuration } from './progress-reporter';
import { createResultFile, createScrubber, formatResults } from './result-files';
import { loadResumed, type Resumed } from './resume';

/** Exit codes of the runner. */
export const EXIT = { ok: 0, someFailed: 1, badInput: 2, internal: 3, interrupted: 130 } as const;

/** What the runner needs from its process, injected so it can be driven in-process too. */
export interface CliIo {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isStderrTTY: boolean;
  fetch: FetchLike;
  clock: Clock;
  /** Registers what Ctrl+C does. */
  onInterrupt: (handler: () => void) => void;
}

/** Most failed cells listed on stderr. */
const MAX_LISTED_FAILURES = 5;

const badInput = (
  io: CliIo,
  json: boolean,
  error: { message: string; file?: string; field?: string },
): number => {
  io.stderr(`r9s-playground: ${error.message}\n`);
  if (json) {
    const detail = { message: error.message, file: error.file ?? null, field: error.field ?? null };
    io.stdout(`${JSON.stringify({ ok: false, exit_code: EXIT.badInput, error: detail })}\n`);
  }
  return EXIT.badInput;
};

/** Runs the command line; resolves with the exit code. */
export const runCli = async (io: CliIo): Promise<number> => {
  const parsed = parseCliArgs(io.argv);
  const wantsJson = io.argv.includes('--json');
  if (!parsed.ok)
    return badInput(io, wantsJson, { message: parsed.error.message, field: parsed.error.param });
  if (parsed.value === 'help') {
    io.stdout(USAGE);
    return EXIT.ok;
  }
  const options = parsed.value;
  let inputs: CliInputs;
  try {
    inputs = await loadInputs(options, io.env);
  } catch (error) {
    if (!(error instanceof CliInputError)) throw error;
    return badInput(io, options.json, error);
  }
  const scrub = createScrubber(io.env['R9S_API_KEY']?.trim());
  const cells = planGrid(options, inputs);
  let resumed: Resumed = { restore: [], lines: [], rerun: 0 };
  if (options.resume && options.out) {
    try {
      resumed = loadResumed(options.out.path, inputs.columns, inputs.cases, new Set(cells.map((c) => c.key)));
    } catch (error) {
      if (!(error instanceof CliInputError)) throw error;
      return badInput(io, options.json, error);
    }
  }
  let resultFile: ReturnType<typeof createResultFile> | undefined;
  try {
    resultFile = options.out ? createResultFile(options.out, scrub, resumed.lines) : undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return badInput(io, options.json, {
      message: `cannot write it (${code})`,
      file: options.out?.path,
      field: '--out',
    });
  }
  return runGrid(io, options, inputs, cells, resumed, scrub, resultFile);
};

/** The cells of this run: cases × presets × repeats, or one shard of them. */
const planGrid = (options: CliOptions, inputs: CliInputs) => {
  const planned = planCells(inputs.cases, inputs.columns, options.repeat);
  return options.shard ? shardCells(planned, options.shard.index, options.shard.total) : planned;
};

const runGrid = async (
  io: CliIo,
  options: CliOptions,
  inputs: CliInputs,
  cells: readonly GridCell[],
  resumed: Resumed,
  scrub: (text: string) => string,
  resultFile: ReturnType<typeof createResultFile> | undefined,
): Promise<number> => {
  const { columns, cases } = inputs;
  const columnById = new Map(columns.map((c) => [c.id, c]));
  const caseById = new Map(cases.map((c) => [c.id, c]));
  const reporter = createProgressReporter({
    write: (t) => io.stderr(scrub(t)),
    isTTY: io.isStderrTTY,
    now: () => io.clock.now(),
  });
  const onEvent = (event: GridEvent) => {
    if (event.type === 'cell-finished') {
      const row = caseById.get(event.result.caseId);
      const column = columnById.get(event.result.columnId);
      if (row && column) resultFile?.append(toResultLine(event.result, row, column));
      reporter.update(grid.progress());
    } else if (event.type === 'backoff') {
      const wait = Math.max(0, event.until - io.clock.now());
      reporter.line(`rate limited: pausing every request to ${inputs.baseUrl} for ${formatDuration(wait)}`);
    }
  };
  const grid = createGridScheduler({
    cells,
    runCell: createCellRunner({
      columns: columnById,
      cases: caseById,
      target: gridTarget(inputs.baseUrl, io.env['R9S_API_KEY']?.trim()),
      fetch: io.fetch,
      clock: io.clock,
    }),
    clock: io.clock,
    concurrency: options.concurrency,
    restore: resumed.restore,
    onEvent,
  });
  const planned = cases.length * columns.length * options.repeat;
  const shardNote = options.shard
    ? ` (shard ${options.shard.index}/${options.shard.total} of ${planned})`
    : '';
  reporter.line(
    `r9s-playground: ${cells.length} cells${shardNote} — ${cases.length} cases × ${columns.length} presets` +
      `${options.repeat > 1 ? ` × ${options.repeat} repeats` : ''} on ${inputs.baseUrl}, ${options.concurrency} at a time`,
  );
  if (options.resume) {
    const n = resumed.rerun;
    const again = n > 0 ? `; ${n} earlier line${n === 1 ? '' : 's'} (failed or out of date) run again` : '';
    reporter.line(`resume: ${resumed.restore.length} finished cells kept${again}`);
  }
  let isInterrupted = false;
  io.onInterrupt(() => {
    isInterrupted = true;
    reporter.line(
      'stopping: finishing the results file with every cell that ended (Ctrl+C again quits at once)',
    );
    void grid.stop();
  });
  const end = await grid.run();
  reporter.end(end);
  const lines = buildResultLines({ cases, columns, results: grid.results() });
  resultFile?.finish(lines);
  const failures = lines.filter((l) => l.status === 'failed');
  for (const l of failures.slice(0, MAX_LISTED_FAILURES)) {
    reporter.line(`failed: ${l.case.id} × ${l.column.label}: ${l.error?.message ?? 'unknown error'}`);
  }
  if (failures.length > MAX_LISTED_FAILURES)
    reporter.line(`… and ${failures.length - MAX_LISTED_FAILURES} more failed`);
  const meters = options.repeat > 1 ? determinismSummary(cases, columns, grid.results()) : [];
  if (meters.length > 0) {
    const stable = meters.filter((m) => m.distinct <= 1).length;
    reporter.line(`determinism: ${stable} of ${meters.length} repeated cells gave a single distinct output`);
  }
  const exitCode = isInterrupted ? EXIT.interrupted : end.failed > 0 ? EXIT.someFailed : EXIT.ok;
  if (options.out) reporter.line(`results: ${options.out.path} (${lines.length} lines)`);
  if (options.json) {
    io.stdout(
      scrub(
        `${JSON.stringify(summary(exitCode, end, options, meters, failures, options.out ? undefined : lines))}\n`,
      ),
    );
  } else if (!options.out) {
    io.stdout(scrub(formatResults(lines, 'md')));
  }
  return exitCode;
};

const determinismSummary = (
  cases: CliInputs['cases'],
  columns: CliInputs['columns'],
  results: ReturnType<ReturnType<typeof createGridScheduler>['results']>,
) =>
  cases
    .flatMap((row) => columns.map((column) => determinismOf(results, row.id, column.id)))
    .filter((m) => m.runs > 0)
    .map((m) => ({ case_id: m.caseId, column_id: m.columnId, runs: m.runs, distinct: m.distinct }));

const summary = (
  exitCode: number,
  end: GridProgress,
  options: CliOptions,
  determinism: ReturnType<typeof determinismSummary>,
  failures: ReturnType<typeof buildResultLines>,
  results: ReturnType<typeof buildResultLines> | undefined,
) => ({
  ok: exitCode === EXIT.ok,
  exit_code: exitCode,
  stopped: exitCode === EXIT.interrupted,
  total: end.total,
  done: end.done,
  failed: end.failed,
  remaining: end.remaining,
  elapsed_ms: Math.round(end.elapsedMs),
  out: options.out?.path ?? null,
  shard: options.shard ? `${options.shard.index}/${options.shard.total}` : null,
  failures: failures.map((l) => ({ key: l.key, message: l.error?.message ?? '' })),
  ...(determinism.length > 0 ? { determinism } : {}),
  ...(results ? { results } : {}),
});
