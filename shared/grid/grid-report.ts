/**
 * The grid's report: one self-contained HTML file a colleague can open anywhere. No script and no network: the only
 * style is inline, a Content-Security-Policy forbids everything else, and every text from a case, a setup or a
 * server is escaped (an output holding `</script>` or markup shows as text) with its bidi and zero-width
 * characters shown as `⟨U+XXXX⟩`, so a line cannot read differently from what the server sent. It is written from
 * results lines, so the app's grid, an imported file and the command line make the same report. A line holds no
 * key and no price table (shared/grid/result-line.ts); the report adds only what it reads from them and the
 * ratings.
 */
import { caseValue } from '../cases/case-set';
import { visibleText } from '../visible-text';
import { resultsTable } from './exports';
import type { ResultLine } from './result-line';
import { REPORT_CSS } from './grid-report-style';

/** A user's verdict on one cell, with an optional note. */
export interface CellRating {
  verdict: 'good' | 'bad';
  note?: string;
}

/** What a report is made from. */
export interface GridReportInput {
  /** Every finished cell, repeats included, in grid order (shared/grid/exports.ts buildResultLines). */
  lines: readonly ResultLine[];
  /** Ratings by cell key (the app only: the command line has none). */
  ratings?: ReadonlyMap<string, CellRating>;
  title?: string;
  /** When it was made, as shown (ISO time). */
  generatedAt: string;
}

/** Text safe anywhere in HTML text or a quoted attribute, with hidden characters made visible. */
export const escapeHtml = (text: string): string =>
  visibleText(text)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');

const json = (value: unknown): string => escapeHtml(JSON.stringify(value, null, 2) ?? '');
const num = (n: number | undefined, digits = 0): string =>
  n === undefined ? '—' : n.toLocaleString('en-US', { maximumFractionDigits: digits });
const money = (n: number | undefined): string =>
  n === undefined ? '—' : `$${n >= 0.01 ? n.toFixed(4) : n.toPrecision(2)}`;

type Column = ResultLine['column'];

/** How a column did: cells, failures, checks passed, time, tokens, cost and ratings. */
const columnSummary = (column: Column, lines: readonly ResultLine[], ratings: GridReportInput['ratings']) => {
  const mine = lines.filter((l) => l.column.id === column.id);
  const checked = mine.filter((l) => (l.checks ?? []).some((c) => c.pass !== null));
  const passed = checked.filter((l) => (l.checks ?? []).every((c) => c.pass !== false));
  const durations = mine.map((l) => l.timing.duration_ms).sort((a, b) => a - b);
  const costs = mine.flatMap((l) => (l.cost === undefined ? [] : [l.cost]));
  const verdicts = mine.map((l) => ratings?.get(l.key)?.verdict);
  return {
    cells: mine.length,
    failed: mine.filter((l) => l.status === 'failed').length,
    pass:
      checked.length > 0
        ? `${passed.length}/${checked.length} (${Math.round((100 * passed.length) / checked.length)}%)`
        : '—',
    medianMs: durations[Math.floor(durations.length / 2)],
    tokens: mine.reduce((sum, l) => sum + (l.usage?.total_tokens ?? 0), 0),
    cost: costs.length > 0 ? costs.reduce((a, b) => a + b, 0) : undefined,
    good: verdicts.filter((v) => v === 'good').length,
    bad: verdicts.filter((v) => v === 'bad').length,
  };
};

const setupSection = (column: Column): string => {
  const { prompt, ...params } = column.params;
  const rows = Object.entries(params)
    .map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td><code>${json(v)}</code></td></tr>`)
    .join('');
  return `<section class="setup"><h3>${escapeHtml(column.label)}</h3>
<p>Model <code>${escapeHtml(column.params.model)}</code>${column.profile !== undefined ? ` · profile ${escapeHtml(column.profile)}` : ''} · column id <code>${escapeHtml(column.id)}</code></p>
<table class="params"><tbody>${rows}</tbody></table>
${column.extra_body ? `<p>Extra body</p><pre>${json(column.extra_body)}</pre>` : ''}<p>Prompt template</p><pre>${escapeHtml(prompt)}</pre></section>`;
};

const runBlock = (l: ResultLine, ratings: GridReportInput['ratings']): string => {
  const rating = ratings?.get(l.key);
  const checks = (l.checks ?? [])
    .map(
      (c) =>
        `<li class="${c.pass === null ? 'na' : c.pass ? 'pass' : 'fail'}">${c.pass === null ? 'n/a' : c.pass ? 'pass' : 'fail'}: ${escapeHtml(c.check)}${c.reason ? ` — ${escapeHtml(c.reason)}` : ''}</li>`,
    )
    .join('');
  const outputs = l.outputs ?? [l.output];
  const body =
    l.status === 'failed'
      ? `<p class="error">Failed: ${escapeHtml(l.error?.message ?? 'no message')}</p>${l.output ? `<pre class="output">${escapeHtml(l.output)}</pre>` : ''}`
      : outputs
          .map(
            (o, i) =>
              `${outputs.length > 1 ? `<p>Choice ${i + 1}</p>` : ''}<pre class="output">${escapeHtml(o)}</pre>`,
          )
          .join('');
  const metrics = [
    `finish ${escapeHtml(l.finish_reason ?? '—')}`,
    `${num(l.usage?.prompt_tokens)} + ${num(l.usage?.completion_tokens)} tokens`,
    `${num(l.timing.duration_ms)} ms`,
    ...(l.timing.ttft_ms !== undefined ? [`first token ${num(l.timing.ttft_ms)} ms`] : []),
    ...(l.cost !== undefined ? [money(l.cost)] : []),
    ...(l.model !== undefined ? [`model ${escapeHtml(l.model)}`] : []),
    ...(l.seed !== undefined ? [`seed ${l.seed}`] : []),
    ...(l.system_fingerprint !== undefined ? [`fingerprint ${escapeHtml(l.system_fingerprint)}`] : []),
  ];
  return `<div class="run ${l.status}"><p class="meta">${l.repeat > 0 ? `Repeat ${l.repeat} · ` : ''}${metrics.join(' · ')}</p>
${body}${checks ? `<ul class="checks">${checks}</ul>` : ''}${rating ? `<p class="rating">Rated ${rating.verdict === 'good' ? '👍 good' : '👎 bad'}${rating.note ? `: ${escapeHtml(rating.note)}` : ''}</p>` : ''}
<p class="sent">Request body</p><pre class="request">${l.request ? json(l.request) : '(not recorded)'}</pre></div>`;
};

const distinctNote = (runs: readonly ResultLine[]): string => {
  const ok = runs.filter((r) => r.status === 'succeeded');
  if (runs.length < 2) return '';
  const distinct = new Set(ok.map((r) => JSON.stringify(r.outputs ?? [r.output]))).size;
  return `<p class="meter">${distinct}/${ok.length} distinct over ${runs.length} runs</p>`;
};

const caseSection = (
  row: ResultLine['case'],
  columns: readonly Column[],
  runs: ReadonlyMap<string, ResultLine[]>,
  ratings: GridReportInput['ratings'],
): string => {
  const values = Object.keys(row.values)
    .map(
      (k) =>
        `<tr><th scope="row">${escapeHtml(k)}</th><td><pre>${escapeHtml(caseValue(row, k))}</pre></td></tr>`,
    )
    .join('');
  const cells = columns
    .map((c) => {
      const list = runs.get(`${row.id}\u0000${c.id}`) ?? [];
      const inner =
        list.length === 0 ? '<p class="muted">Not run.</p>' : list.map((l) => runBlock(l, ratings)).join('');
      return `<div class="cell"><h4>${escapeHtml(c.label)}</h4>${distinctNote(list)}${inner}</div>`;
    })
    .join('');
  return `<section class="case"><h3>Case ${escapeHtml(row.id)}</h3>
${values ? `<table class="vars"><tbody>${values}</tbody></table>` : ''}${row.expected !== undefined ? `<p>Expected</p><pre>${escapeHtml(row.expected)}</pre>` : ''}${row.notes ? `<p>Notes: ${escapeHtml(row.notes)}</p>` : ''}
<div class="cells">${cells}</div></section>`;
};

/** The report as one HTML document. */
export const buildGridReport = (input: GridReportInput): string => {
  const { lines, ratings } = input;
  const { cases, columns, runs } = resultsTable(lines);
  const title = input.title ?? 'r9s Playground results';
  const checkNames = [...new Set(lines.flatMap((l) => (l.checks ?? []).map((c) => c.check)))];
  const summaryRows = columns
    .map((c) => {
      const s = columnSummary(c, lines, ratings);
      return `<tr><th scope="row">${escapeHtml(c.label)}</th><td>${s.cells}</td><td>${s.failed}</td><td>${s.pass}</td><td>${num(s.medianMs)} ms</td><td>${num(s.tokens)}</td><td>${money(s.cost)}</td><td>${s.good} 👍 / ${s.bad} 👎</td></tr>`;
    })
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${escapeHtml(title)}</title>
<style>${REPORT_CSS}</style></head>
<body><header><h1>${escapeHtml(title)}</h1>
<p class="muted">${cases.length} cases × ${columns.length} setups, ${lines.length} runs · made ${escapeHtml(input.generatedAt)} with r9s Playground</p></header>
<main><section><h2>Summary</h2><table class="summary"><thead><tr><th scope="col">Setup</th><th scope="col">Runs</th><th scope="col">Failed</th><th scope="col">Checks passed</th><th scope="col">Median time</th><th scope="col">Tokens</th><th scope="col">Cost</th><th scope="col">Ratings</th></tr></thead><tbody>${summaryRows}</tbody></table>
${checkNames.length > 0 ? `<p>Checks: ${checkNames.map((n) => escapeHtml(n)).join('; ')}</p>` : '<p class="muted">No checks.</p>'}</section>
<section><h2>Setups</h2>${columns.map(setupSection).join('\n')}</section>
<section><h2>Results</h2>${cases.map((row) => caseSection(row, columns, runs, ratings)).join('\n')}</section></main>
</body></html>
`;
};
