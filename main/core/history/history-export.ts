import type { HistoryEntry } from '../../../shared/api';

/** Header names whose values are credentials; exports always show them redacted (docs/architecture.md#write-only-key). */
const SECRET_HEADERS = /^(authorization|proxy-authorization|x-api-key|api-key|cookie|set-cookie)$/i;

const REDACTED = '[redacted]';

const redactHeaders = (headers: Record<string, string> | undefined): Record<string, string> => {
  const out: Record<string, string> = {};
  // A damaged run file may hold anything here; only an object's own entries are exported.
  if (typeof headers !== 'object' || headers === null) return out;
  for (const [name, value] of Object.entries(headers)) {
    if (!SECRET_HEADERS.test(name)) out[name] = value;
    else out[name] = /^bearer\s/i.test(value) ? `Bearer ${REDACTED}` : REDACTED;
  }
  return out;
};

/** A URL without its user name and password (an older version accepted them in a base URL). */
const withoutUserinfo = (raw: string): string => {
  try {
    const url = new URL(raw);
    if (url.username === '' && url.password === '') return raw;
    url.username = '';
    url.password = '';
    return url.href;
  } catch {
    return raw;
  }
};

/**
 * The entry as it may leave the app. The recorder already redacts the Authorization header; this asserts it again
 * at the last boundary (docs/architecture.md#write-only-key), so an export can never carry a key even if a record
 * was written wrongly, nor the password of a base URL.
 */
export const redactEntry = (entry: HistoryEntry): HistoryEntry => ({
  ...entry,
  request: {
    ...entry.request,
    url: withoutUserinfo(entry.request.url),
    headers: redactHeaders(entry.request.headers),
  },
  ...(entry.response
    ? { response: { ...entry.response, headers: redactHeaders(entry.response.headers) } }
    : {}),
});

/** One JSON object per line, oldest first. */
export const toJsonl = (entries: Iterable<HistoryEntry>): string => {
  let out = '';
  for (const e of entries) out += `${JSON.stringify(redactEntry(e))}\n`;
  return out;
};

/** The CSV columns, in order. */
export const CSV_COLUMNS = [
  'id',
  'started_at',
  'status',
  'profile',
  'preset',
  'model',
  'prompt',
  'output',
  'finish_reasons',
  'prompt_tokens',
  'completion_tokens',
  'total_tokens',
  'ttft_ms',
  'duration_ms',
  'tokens_per_second',
  'error',
  'starred',
  'params_json',
] as const;

/**
 * One RFC 4180 field: quoted when it holds a quote, comma or line break (quotes doubled). Text that a spreadsheet
 * would run as a formula (leading = + - @ tab CR) gets a leading apostrophe (OWASP CSV injection).
 */
export const csvField = (value: unknown, isText = true): string => {
  if (value === undefined || value === null) return '';
  let s = typeof value === 'string' ? value : JSON.stringify(value);
  if (isText && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * One field of a row, or empty when the stored run holds a wrongly typed value there: a damaged run file costs that
 * field, never the rest of its row or the rest of the export.
 */
const readable = (read: () => string): string => {
  try {
    return read();
  } catch {
    return '';
  }
};

const row = (e: HistoryEntry): string => {
  const r = redactEntry(e);
  const num = (v: () => number | undefined) => readable(() => csvField(v(), false));
  const text = (v: () => unknown) => readable(() => csvField(v()));
  return [
    text(() => r.id),
    readable(() => csvField(new Date(r.startedAt).toISOString(), false)),
    text(() => r.status),
    text(() => r.profileName),
    text(() => r.presetName),
    text(() => r.params.model),
    text(() => r.params.prompt),
    text(() => r.outputs.join('\n---\n')),
    text(() => (r.choices ?? []).map((c) => c.finishReason ?? '').join(' ')),
    num(() => r.usage?.prompt_tokens),
    num(() => r.usage?.completion_tokens),
    num(() => r.usage?.total_tokens),
    num(() => r.metrics?.ttftMs),
    num(() => r.metrics?.durationMs ?? r.durationMs),
    num(() => r.metrics?.tokensPerSecond),
    text(() => r.error?.message),
    csvField(r.starred ? 'true' : 'false', false),
    readable(() => csvField(JSON.stringify({ ...r.params, prompt: undefined }), false)),
  ].join(',');
};

/** A header line and one line per run (CRLF line ends, as RFC 4180 asks), oldest first. */
export const toCsv = (entries: Iterable<HistoryEntry>): string => {
  const lines = [CSV_COLUMNS.join(',')];
  for (const e of entries) lines.push(row(e));
  return `${lines.join('\r\n')}\r\n`;
};
