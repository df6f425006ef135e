/**
 * Turns provider failures into AppError values (docs/architecture.md#failures-are-values): HTTP statuses by kind with the server's own message,
 * undici network failures by their `cause.code`, and in-stream error objects.
 */
import type { AppError, ErrorKind } from '../../../shared/result';

const STATUS_KINDS: Record<number, ErrorKind> = {
  400: 'bad_request',
  401: 'authentication',
  403: 'permission_denied',
  404: 'not_found',
  422: 'unprocessable',
  429: 'rate_limited',
  500: 'server_error',
  503: 'unavailable',
};

/** The error kind of an HTTP status. */
export const kindFromStatus = (status: number): ErrorKind => STATUS_KINDS[status] ?? 'http_error';

/** Most characters of a body quoted in a message when the server gave no structured error. */
export const BODY_EXCERPT_CHARS = 500;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Makes an HTML error page readable: drops scripts, styles and tags, decodes a few entities, collapses whitespace. */
export const readableText = (text: string): string =>
  text
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

/** Fields of an error object: OpenAI `{message,type,code,param}`, llama.cpp `{code:500,message,type}`. */
const fieldsOf = (o: Record<string, unknown>): Partial<AppError> => {
  const out: Partial<AppError> = {};
  const type = str(o['type']);
  if (type) out.type = type;
  const code = o['code'];
  if (typeof code === 'string' || typeof code === 'number') out.code = code;
  const param = str(o['param']);
  if (param) out.param = param;
  return out;
};

/**
 * Reads a server's error payload: `{error:{message,...}}`, `{error:"text"}`, vLLM's top-level `{message,type,code}`
 * or FastAPI's `{detail}`. Returns undefined when there is no message to show.
 */
export const parseErrorPayload = (
  payload: unknown,
): (Partial<AppError> & { message: string }) | undefined => {
  if (!isRecord(payload)) return undefined;
  const error = payload['error'];
  if (isRecord(error)) {
    const message = str(error['message']) ?? str(error['msg']);
    if (message) return { ...fieldsOf(error), message };
    return { ...fieldsOf(error), message: JSON.stringify(error).slice(0, BODY_EXCERPT_CHARS) };
  }
  const text = str(error);
  if (text) return { message: text };
  const message = str(payload['message']);
  if (message && payload['choices'] === undefined) return { ...fieldsOf(payload), message };
  const detail = payload['detail'];
  if (str(detail)) return { message: detail as string };
  if (detail !== undefined) return { message: JSON.stringify(detail).slice(0, BODY_EXCERPT_CHARS) };
  return undefined;
};

const tryJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

type HeaderSource = Headers | Record<string, string> | undefined;
const headerOf = (headers: HeaderSource, name: string): string | undefined =>
  headers instanceof Headers ? (headers.get(name) ?? undefined) : headers?.[name];

/** An AppError from a non-2xx answer: kind by status, the server's message, else status text + body excerpt. */
export const errorFromResponse = (
  status: number,
  statusText: string,
  bodyText: string,
  headers?: HeaderSource,
): AppError => {
  const kind = kindFromStatus(status);
  const parsed = parseErrorPayload(tryJson(bodyText));
  if (parsed) return { ...parsed, kind, status };
  const type = headerOf(headers, 'content-type') ?? '';
  const isHtml = type.includes('html') || /^\s*<(!doctype|html)/i.test(bodyText);
  const excerpt = (isHtml ? readableText(bodyText) : bodyText.trim()).slice(0, BODY_EXCERPT_CHARS);
  const head = `HTTP ${status}${statusText ? ` ${statusText}` : ''}`;
  return { kind, status, message: excerpt ? `${head}: ${excerpt}` : head };
};

/** An AppError from an error object sent inside a 200 stream (data payload or llama.cpp `error:` line). */
export const errorFromStreamPayload = (payload: unknown, raw: string): AppError => {
  const parsed = parseErrorPayload(isRecord(payload) && 'error' in payload ? payload : { error: payload });
  const code = parsed?.code;
  const kind = typeof code === 'number' && code >= 400 && code < 600 ? kindFromStatus(code) : 'server_error';
  return { ...parsed, kind, message: parsed?.message ?? raw.slice(0, BODY_EXCERPT_CHARS) };
};

const TLS_CODES = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_)/;
const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);
const NETWORK_TEXT: Record<string, string> = {
  ECONNREFUSED: 'Connection refused',
  ENOTFOUND: 'Host not found (DNS)',
  EAI_AGAIN: 'DNS lookup failed, try again',
  ECONNRESET: 'Connection reset by the server',
  EPIPE: 'Connection closed while sending',
  EHOSTUNREACH: 'Host unreachable',
  ENETUNREACH: 'Network unreachable',
  UND_ERR_SOCKET: 'Connection closed by the server',
  UND_ERR_CLOSED: 'Connection closed',
};

/** The innermost `code` of an error chain (undici wraps the socket error in `cause`, sometimes twice). */
const codeOf = (err: unknown): { code?: string; message: string } => {
  let cur: unknown = err;
  let message = err instanceof Error ? err.message : String(err);
  for (let depth = 0; depth < 5 && isRecord(cur); depth++) {
    const code = cur['code'];
    if (typeof code === 'string') return { code, message: str(cur['message']) ?? message };
    message = str(cur['message']) ?? message;
    cur = cur['cause'];
  }
  return { message };
};

/** An AppError from a thrown fetch or body-read failure (not an abort: the caller checks its signal first). */
export const errorFromNetwork = (err: unknown, url: string): AppError => {
  const { code, message } = codeOf(err);
  let where = url;
  try {
    where = new URL(url).host;
  } catch {
    // keep the raw string
  }
  if (code && TIMEOUT_CODES.has(code))
    return { kind: 'timeout', code, message: `Timed out talking to ${where} (${code})` };
  if (code && TLS_CODES.test(code))
    return { kind: 'network', code, message: `TLS error with ${where}: ${message}` };
  const text = code ? NETWORK_TEXT[code] : undefined;
  if (code) return { kind: 'network', code, message: `${text ?? message} (${where}, ${code})` };
  return { kind: 'network', message: `Network error with ${where}: ${message}` };
};
