/**
 * Writes a run's results. JSONL lines are appended as each cell finishes, so even a killed process leaves every
 * finished line on disk; at the end the file is rewritten in grid order through a temporary file and a rename, so a
 * reader never sees half a file. CSV, Markdown and the HTML report are written once at the end, the same atomic way.
 */
import { appendFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { resultsToCsv, resultsToJsonl, resultsToMarkdown } from '../../shared/grid/exports';
import { buildGridReport } from '../../shared/grid/grid-report';
import type { ResultLine } from '../../shared/grid/result-line';
import type { OutFormat } from './cli-args';

/** Shortest key that is scrubbed from output: a shorter one would redact ordinary words. */
const MIN_SCRUBBED_KEY = 6;

/** Replaces the key, as written and JSON-escaped, wherever it appears (a server may echo it in an error). */
export const createScrubber = (secret: string | undefined) => {
  if (!secret || secret.length < MIN_SCRUBBED_KEY) return (text: string) => text;
  const forms = [...new Set([secret, JSON.stringify(secret).slice(1, -1)])];
  return (text: string) => forms.reduce((t, form) => t.split(form).join('[redacted]'), text);
};

/** The whole file text of a format. */
export const formatResults = (lines: readonly ResultLine[], format: OutFormat, now = new Date()): string => {
  switch (format) {
    case 'jsonl':
      return resultsToJsonl(lines);
    case 'csv':
      return resultsToCsv(lines);
    case 'md':
      return resultsToMarkdown(lines);
    case 'html':
      // The app's report (shared/grid/grid-report.ts); the command line has no ratings.
      return buildGridReport({ lines, generatedAt: now.toISOString() });
  }
};

/** Writes `text` to `path` atomically: a temporary file beside it, then a rename. */
export const writeAtomic = (path: string, text: string): void => {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, text, 'utf8');
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
};

/** The results file of a run. */
export const createResultFile = (
  out: { path: string; format: OutFormat },
  scrub: (text: string) => string,
  kept: readonly ResultLine[] = [],
) => {
  // A resumed run starts its file with the lines it keeps, so a second interruption loses none of them.
  if (out.format === 'jsonl') writeAtomic(out.path, scrub(resultsToJsonl(kept)));
  return {
    /** Appends a finished cell's line (JSONL only; the other formats are written whole). */
    append(line: ResultLine) {
      if (out.format === 'jsonl') appendFileSync(out.path, scrub(resultsToJsonl([line])), 'utf8');
    },
    /** Writes every finished line, in grid order. */
    finish(lines: readonly ResultLine[]) {
      writeAtomic(out.path, scrub(formatResults(lines, out.format)));
    },
  };
};
