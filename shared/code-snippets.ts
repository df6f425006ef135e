/**
 * "View code": the current setup as curl, Python with the r9s SDK and TypeScript with fetch. The body is the one the
 * engine sends (the shared request builder); the key is always read from the R9S_API_KEY environment variable, and
 * the snippet builder is never given it (docs/architecture.md#write-only-key).
 */
import { apiBaseUrl, completionsUrl } from './base-url';
import { PARAM_SPECS, type CompletionParams } from './params';
import { buildBody } from './request-body';

/** The languages offered, in tab order. */
export const SNIPPET_LANGUAGES = [
  { id: 'curl', label: 'curl' },
  { id: 'python', label: 'Python' },
  { id: 'typescript', label: 'TypeScript' },
] as const;

/** One of SNIPPET_LANGUAGES. */
export type SnippetLanguage = (typeof SNIPPET_LANGUAGES)[number]['id'];

/** What a snippet is built from. */
export interface SnippetInput {
  /** The profile's base URL, with or without `/v1`. */
  baseUrl: string;
  params: CompletionParams;
  extraBody?: Record<string, unknown>;
  /** The profile's extra (non-secret) headers. */
  headers?: Record<string, string>;
}

/** The environment variable every snippet reads the key from. */
export const API_KEY_ENV = 'R9S_API_KEY';

/** Header names that might hold a credential even though profiles forbid Authorization: their values never appear. */
const SECRET_HEADER = /key|token|secret|auth|cookie|session|passw|credential/i;

const envName = (header: string) => `R9S_HEADER_${header.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;

/** Extra headers as (name, literal value | env variable) pairs; credential-like values become variables. */
const headerPairs = (headers: Record<string, string> = {}) =>
  Object.entries(headers).map(([name, value]) =>
    SECRET_HEADER.test(name) ? { name, env: envName(name) } : { name, value },
  );

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** curl with the body inline; `-N` for streaming so tokens print as they come. */
export const curlSnippet = (input: SnippetInput): string => {
  const body = buildBody(input.params, input.extraBody);
  const lines = [
    `curl ${body.stream === true ? '-N ' : ''}${shellQuote(completionsUrl(input.baseUrl))}`,
    `  -H "Authorization: Bearer $${API_KEY_ENV}"`,
    `  -H 'Content-Type: application/json'`,
    ...headerPairs(input.headers).map((h) =>
      'env' in h ? `  -H "${h.name}: $${h.env}"` : `  -H ${shellQuote(`${h.name}: ${h.value}`)}`,
    ),
    `  -d ${shellQuote(JSON.stringify(body, null, 2))}`,
  ];
  return `${lines.join(' \\\n')}\n`;
};

/** A JSON value as a Python literal (JSON string escapes are valid Python escapes). */
export const toPython = (value: unknown, indent = ''): string => {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'None';
  if (typeof value === 'string') return JSON.stringify(value);
  const inner = `${indent}    `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v: unknown) => `${inner}${toPython(v, inner)},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${toPython(v, inner)},`).join('\n')}\n${indent}}`;
};

const PY_IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Python with the r9s SDK, mirroring its documented `R9S(...).completions.create(...)` call. */
export const pythonSnippet = (input: SnippetInput): string => {
  const body = buildBody(input.params, input.extraBody);
  const sdkKeys = new Set<string>([
    'model',
    'prompt',
    'stream',
    ...PARAM_SPECS.filter((s) => s.isInR9sSchema !== false).map((s) => s.wire),
  ]);
  const args = Object.entries(body).filter(([k]) => sdkKeys.has(k) && PY_IDENT.test(k));
  const extras = Object.entries(body).filter(([k]) => !sdkKeys.has(k));
  const headers = headerPairs(input.headers);
  const out = ['import os', '', 'from r9s import R9S', ''];
  if (extras.length > 0) {
    out.push('# Fields outside the r9s request schema (not SDK parameters; send them with curl or fetch):');
    for (const [k, v] of extras) out.push(`#   ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  }
  if (headers.length > 0)
    out.push(`# Extra headers of the profile: ${headers.map((h) => h.name).join(', ')}`);
  out.push(
    'with R9S(',
    `    api_key=os.environ[${JSON.stringify(API_KEY_ENV)}],`,
    `    server_url=${JSON.stringify(apiBaseUrl(input.baseUrl))},`,
    ') as r9_s:',
    '    res = r9_s.completions.create(',
    ...args.map(([k, v]) => `        ${k}=${toPython(v, '        ')},`),
    '    )',
  );
  if (body.stream === true) {
    out.push(
      '',
      '    with res as event_stream:',
      '        for event in event_stream:',
      '            for choice in event.choices or []:',
      '                print(choice.text or "", end="", flush=True)',
      '    print()',
    );
  } else {
    out.push('', '    for choice in res.choices:', '        print(choice.text)');
  }
  return `${out.join('\n')}\n`;
};

/** TypeScript (Node 18+ or a browser) with fetch, reading the SSE stream line by line when streaming. */
export const typescriptSnippet = (input: SnippetInput): string => {
  const body = buildBody(input.params, input.extraBody);
  const headerLines = headerPairs(input.headers).map((h) =>
    'env' in h
      ? `    ${JSON.stringify(h.name)}: process.env.${h.env} ?? '',`
      : `    ${JSON.stringify(h.name)}: ${JSON.stringify(h.value)},`,
  );
  const bodyText = JSON.stringify(body, null, 2).replace(/\n/g, '\n  ');
  const out = [
    `const response = await fetch(${JSON.stringify(completionsUrl(input.baseUrl))}, {`,
    "  method: 'POST',",
    '  headers: {',
    `    Authorization: \`Bearer \${process.env.${API_KEY_ENV}}\`,`,
    "    'Content-Type': 'application/json',",
    ...headerLines,
    '  },',
    `  body: JSON.stringify(${bodyText}),`,
    '});',
    'if (!response.ok) throw new Error(`HTTP ${response.status}: ${await response.text()}`);',
    '',
  ];
  if (body.stream === true) {
    out.push(
      'const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();',
      "let buffered = '';",
      'for (;;) {',
      '  const { done, value } = await reader.read();',
      '  if (done) break;',
      '  buffered += value;',
      "  const lines = buffered.split('\\n');",
      "  buffered = lines.pop() ?? '';",
      '  for (const line of lines) {',
      "    if (!line.startsWith('data:')) continue;",
      '    const data = line.slice(5).trim();',
      "    if (data === '[DONE]') continue;",
      '    const chunk = JSON.parse(data);',
      '    if (chunk.error) throw new Error(chunk.error.message);',
      "    for (const choice of chunk.choices ?? []) process.stdout.write(choice.text ?? '');",
      '  }',
      '}',
      "process.stdout.write('\\n');",
    );
  } else {
    out.push(
      'const completion = await response.json();',
      'for (const choice of completion.choices) console.log(choice.text);',
    );
  }
  return `${out.join('\n')}\n`;
};

/** All three snippets at once. */
export const buildSnippets = (input: SnippetInput): Record<SnippetLanguage, string> => ({
  curl: curlSnippet(input),
  python: pythonSnippet(input),
  typescript: typescriptSnippet(input),
});
