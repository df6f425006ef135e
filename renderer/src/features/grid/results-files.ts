/**
 * The files the results toolbar saves: the HTML report and the CSV, JSONL and Markdown exports, all from the same
 * results lines (shared/grid/exports.ts), offered as downloads the way preset exports are (share/clipboard.ts).
 */
import type { CompiledCheck } from '../../../../shared/grid/checks';
import {
  buildResultLines,
  resultsToCsv,
  resultsToJsonl,
  resultsToMarkdown,
} from '../../../../shared/grid/exports';
import { buildGridReport, type CellRating } from '../../../../shared/grid/grid-report';
import type { ImportedGrid } from '../../../../shared/grid/result-line';
import { downloadText, fileStamp } from '../share/clipboard';

/** What the toolbar saves. */
export type ResultsFileKind = 'report' | 'csv' | 'jsonl' | 'md';

const TYPES: Record<ResultsFileKind, { ext: string; mime: string }> = {
  report: { ext: 'html', mime: 'text/html' },
  csv: { ext: 'csv', mime: 'text/csv' },
  jsonl: { ext: 'jsonl', mime: 'application/x-ndjson' },
  md: { ext: 'md', mime: 'text/markdown' },
};

/** The text of one file of a grid. */
export const resultsFileText = (
  kind: ResultsFileKind,
  data: ImportedGrid,
  checks: readonly CompiledCheck[],
  ratings: ReadonlyMap<string, CellRating>,
  now = new Date(),
): string => {
  const lines = buildResultLines({ ...data, ...(checks.length > 0 ? { checks } : {}) });
  switch (kind) {
    case 'report':
      return buildGridReport({ lines, ratings, generatedAt: now.toISOString() });
    case 'csv':
      return resultsToCsv(lines);
    case 'jsonl':
      return resultsToJsonl(lines);
    case 'md':
      return resultsToMarkdown(lines);
  }
};

/** Offers one file of a grid as a download; resolves with its name. */
export const saveResultsFile = (
  kind: ResultsFileKind,
  data: ImportedGrid,
  checks: readonly CompiledCheck[],
  ratings: ReadonlyMap<string, CellRating>,
): string => {
  const { ext, mime } = TYPES[kind];
  const name = `r9s-${kind === 'report' ? 'report' : 'results'}-${fileStamp()}.${ext}`;
  downloadText(name, resultsFileText(kind, data, checks, ratings), mime);
  return name;
};
