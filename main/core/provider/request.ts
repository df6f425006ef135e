/**
 * Builds the exact `POST /v1/completions` request of a run: URL, headers, the body from the shared request builder,
 * and the redacted record kept in history.
 */
import { completionsUrl } from '../../../shared/base-url';
import type { CompletionParams } from '../../../shared/params';
import { buildBody } from '../../../shared/request-body';
import type { RequestRecord } from '../../../shared/run-events';
import { RESERVED_HEADERS, type RetryPolicy } from '../../../shared/schemas';
import type { RequestTimeouts } from './watchdog';

/** Where and how to send a request: the resolved profile, with the key already read from the SecretStore. */
export interface ProviderTarget {
  baseUrl: string;
  apiKey?: string;
  /** Extra headers of the profile (reserved names such as Authorization are dropped). */
  headers: Record<string, string>;
  retry: RetryPolicy;
  timeouts: RequestTimeouts;
}

/** A small retry budget: a couple of retries on 429/502/503/504 and connection errors, never on 500. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  enabled: true,
  initialIntervalMs: 500,
  maxIntervalMs: 8_000,
  exponent: 1.5,
  maxElapsedMs: 30_000,
  maxAttempts: 3,
  retryConnectionErrors: true,
  retryServerErrors: false,
};

/** What the key is replaced with wherever a request is recorded (docs/architecture.md#write-only-key). */
export const REDACTED_AUTHORIZATION = 'Bearer [redacted]';

/** A request ready for fetch, plus its record. */
export interface BuiltRequest {
  url: string;
  headers: Record<string, string>;
  /** The serialised body (sent as is). */
  bodyText: string;
  body: Record<string, unknown>;
  record: RequestRecord;
  /** Whether the body asks for a stream (after best_of and the extra body). */
  streamed: boolean;
}

/** Profile headers minus the reserved ones, then ours; the key goes only into Authorization (docs/architecture.md#write-only-key). */
export const buildHeaders = (target: ProviderTarget, accept: string): Record<string, string> => {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(target.headers)) {
    const lower = name.toLowerCase();
    if (RESERVED_HEADERS.has(lower) || lower === 'content-type' || lower === 'accept') continue;
    headers[name] = value;
  }
  headers['Accept'] = accept;
  if (target.apiKey) headers['Authorization'] = `Bearer ${target.apiKey}`;
  return headers;
};

/** The same headers with the key replaced, for records and logs. */
export const redactHeaders = (headers: Record<string, string>): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = name.toLowerCase() === 'authorization' ? REDACTED_AUTHORIZATION : value;
  }
  return out;
};

/** Builds the request of a run; `record` carries the exact body and redacted headers. */
export const buildCompletionRequest = (
  target: ProviderTarget,
  params: CompletionParams,
  extraBody?: Record<string, unknown>,
): BuiltRequest => {
  const body = buildBody(params, extraBody);
  const streamed = body['stream'] === true;
  const bodyText = JSON.stringify(body);
  const headers = {
    ...buildHeaders(target, streamed ? 'text/event-stream' : 'application/json'),
    'Content-Type': 'application/json',
  };
  const url = completionsUrl(target.baseUrl);
  // A fresh copy, so nothing that later mutates the record can change what was sent (or the other way round).
  const recordBody = JSON.parse(bodyText) as Record<string, unknown>;
  return {
    url,
    headers,
    bodyText,
    body,
    streamed,
    record: { url, method: 'POST', headers: redactHeaders(headers), body: recordBody },
  };
};
