/** The HTML report: everything escaped, no script or network, no key or price table, and every part present. */
import { describe, expect, it } from 'vitest';
import { compileCheck, type CompiledCheck } from '../../shared/grid/checks';
import { buildGridReport, escapeHtml } from '../../shared/grid/grid-report';
import { fixtureLines } from '../support/results-fixture';

const check = (input: unknown): CompiledCheck => {
  const c = compileCheck(input);
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
};

const HOSTILE = [
  '</script><script>alert("x")</script>',
  '<img src=x onerror=alert(1)><a href="javascript:alert(2)">link</a>',
  'it\'s "quoted" & <b>bold</b>',
  'abc\u202Efdp.exe\u2066hidden\u2069 zero\u200Bwidth',
];

describe('buildGridReport', () => {
  const lines = fixtureLines({
    cases: 3,
    columns: 2,
    repeats: 2,
    output: (i, j, r) =>
      i === 2 && j === 1
        ? null
        : `${HOSTILE[(i * 2 + j) % HOSTILE.length]} #${i}${r > 0 && j === 0 ? ' again' : ''}`,
    checks: [check({ kind: 'contains', text: 'quoted' }), check({ kind: 'max-length', chars: 60 })],
  });
  const html = buildGridReport({
    lines,
    ratings: new Map([[lines[0]!.key, { verdict: 'bad', note: '<i>too</i> long' }]]),
    generatedAt: '2026-01-02T03:04:05.000Z',
    title: 'Report <of> team',
  });

  it('shows every output escaped and never as markup, with hidden characters made visible', () => {
    for (const l of lines) if (l.status === 'succeeded') expect(html).toContain(escapeHtml(l.output));
    expect(html).not.toMatch(/<script|<img|<a |<b>|<i>/i);
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('abc⟨U+202E⟩fdp.exe⟨U+2066⟩hidden⟨U+2069⟩ zero⟨U+200B⟩width');
    expect(html).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200B]/);
    expect(html).toContain('<title>Report &lt;of&gt; team</title>');
  });

  it('loads nothing and runs nothing: inline style only, a policy that forbids the rest, light and dark, print', () => {
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).not.toMatch(/<link|<img|<iframe|<object|url\(|@import/i);
    expect(html).toContain('@media (prefers-color-scheme:dark)');
    expect(html).toContain('@media print');
  });

  it('holds each setup, the cases, the checks, ratings, metrics, failures, the meter and the exact request bodies', () => {
    expect(html).toContain('<h3>Setup 1</h3>');
    expect(html).toContain('Model <code>model-2</code> · profile Local server');
    expect(html).toContain('<th scope="row">temperature</th><td><code>0.1</code></td>');
    expect(html).toContain('Write about {{topic}}.');
    expect(html).toContain('<h3>Case case-3</h3>');
    expect(html).toContain('answer 3');
    expect(html).toContain('Checks: contains &quot;quoted&quot;; at most 60 characters');
    expect(html).toContain('Rated 👎 bad: &lt;i&gt;too&lt;/i&gt; long');
    expect(html).toContain('Failed: HTTP 500: model crashed');
    expect(html).toContain('2/2 distinct over 2 runs');
    expect(html).toContain('1/2 distinct over 2 runs');
    expect(html).toContain('&quot;prompt&quot;: &quot;Write about topic 2.&quot;');
    expect(html).toContain('5 + 21 tokens');
    // Setup 2 ran 6 times (3 cases × 2 runs): its pass rate counts the runs whose every applicable check passed.
    const passedSetup2 = lines.filter(
      (l) => l.column.id === 'setup-2' && l.checks?.every((c) => c.pass !== false),
    ).length;
    expect(html).toContain(`${passedSetup2}/6 (${Math.round((100 * passedSetup2) / 6)}%)`);
  });

  it('never holds a key or a price table, even from a setup carrying headers or prices in its extra body', () => {
    const withExtras = fixtureLines({ cases: 1, columns: 1, output: () => 'fine' }).map((l) => ({
      ...l,
      column: { ...l.column, extra_body: { top_k: 4 } },
    }));
    const report = buildGridReport({ lines: withExtras, generatedAt: 'now' });
    expect(report).toContain('&quot;top_k&quot;: 4');
    expect(report).not.toMatch(/Bearer|api[_-]?key|authorization|price/i);
  });
});
