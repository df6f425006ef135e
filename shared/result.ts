/** Expected failures are values, not throws (docs/architecture.md#failures-are-values): Electron only carries a thrown error's message. */

/** Every kind of failure the app reports; HTTP kinds follow the provider's status code. */
export const ERROR_KINDS = [
  'bad_request',
  'authentication',
  'permission_denied',
  'not_found',
  'unprocessable',
  'rate_limited',
  'server_error',
  'unavailable',
  'http_error',
  'network',
  'timeout',
  'protocol',
  'invalid_input',
  'storage',
  'conflict',
  'output_limit',
] as const;

/** One kind from ERROR_KINDS. */
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** A failure as shown to the user: the server's own message where there is one. */
export interface AppError {
  kind: ErrorKind;
  message: string;
  /** HTTP status of the provider's answer, when there was one. */
  status?: number;
  /** The server's `error.type`, if any. */
  type?: string;
  /** The server's `error.code` (OpenAI sends strings, llama.cpp integers). */
  code?: string | number;
  /** The server's `error.param`, or the field of ours that failed validation. */
  param?: string;
}

/** The outcome of every PlaygroundApi call. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** Wraps a value as a success. */
export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

/** Wraps an error as a failure. */
export const fail = <T = never>(
  kind: ErrorKind,
  message: string,
  extra: Partial<AppError> = {},
): Result<T> => ({
  ok: false,
  error: { ...extra, kind, message },
});
