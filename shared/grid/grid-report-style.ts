/** The report's only style, inline: light and dark follow the reader's system, and printing keeps every output. */
export const REPORT_CSS = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1b1f24;--muted:#5b6470;--line:#d5dae0;--card:#f6f8fa;--ok:#1a7f37;--bad:#cf222e}
@media (prefers-color-scheme:dark){:root{--bg:#0f1216;--fg:#e6e9ee;--muted:#9aa4b0;--line:#2e353e;--card:#171b21;--ok:#4ac26b;--bad:#ff7b72}}
body{margin:0 auto;max-width:1400px;padding:24px;background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,sans-serif}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;border-bottom:1px solid var(--line);padding-bottom:4px;margin-top:28px}
h3{font-size:16px;margin:18px 0 6px}h4{font-size:14px;margin:0 0 6px}
.muted,.meta,.sent{color:var(--muted)}.meta,.sent{font-size:12px;margin:4px 0}
table{border-collapse:collapse;margin:6px 0}th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
pre{white-space:pre-wrap;overflow-wrap:anywhere;margin:4px 0;padding:6px 8px;background:var(--card);border:1px solid var(--line);border-radius:4px;font:12px/1.4 ui-monospace,monospace;unicode-bidi:isolate}
pre.request{font-size:11px;max-height:none}
.cells{display:grid;grid-template-columns:repeat(auto-fit,minmax(280px,1fr));gap:10px}
.cell{border:1px solid var(--line);border-radius:6px;padding:8px;break-inside:avoid}
.run+.run{border-top:1px dashed var(--line);margin-top:8px;padding-top:6px}
.error,.fail{color:var(--bad)}.pass{color:var(--ok)}.checks{margin:4px 0;padding-left:18px;font-size:12px}
.meter{font-weight:600;margin:0 0 4px}
@media print{body{max-width:none;padding:0;font-size:11px}.case{break-inside:auto}pre{max-height:none;overflow:visible}}
`;
