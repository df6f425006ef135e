/**
 * The main-process logger. Callers already pass redacted values; this adapter redacts again
 * (docs/architecture.md#write-only-key), so a key that slips into a message or a details object — any profile's key,
 * not only the environment's — is written as `[redacted]`.
 */
import { appendFileSync, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from '../core/ports';
import { REDACTED, redactSecrets } from '../core/secrets/redact';

export { REDACTED };

const SECRET_FIELD = /(api[-_]?key|secret|token|password|passwd|authorization|cookie)$|^key$/i;
const SECRET_PATTERNS: RegExp[] = [
  /\b(Bearer|Basic)\s+[^\s"',;]+/gi,
  /\bsk-[A-Za-z0-9_-]{8,}/g,
  /([?&](?:api[-_]?key|key|token|access_token)=)[^&\s"']+/gi,
];

/** Redacts secret-looking text; `known` are exact secrets to remove (every key the service has seen). */
export function redactText(text: string, known: readonly string[] = []): string {
  return redactSecrets(text, known)
    .replace(SECRET_PATTERNS[0]!, (_m, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(SECRET_PATTERNS[1]!, REDACTED)
    .replace(SECRET_PATTERNS[2]!, (_m, prefix: string) => `${prefix}${REDACTED}`);
}

/** Redacts a details value: secret-named fields whole, strings by pattern, at most 6 levels deep. */
export function redactValue(value: unknown, known: readonly string[] = [], depth = 0): unknown {
  if (typeof value === 'string') return redactText(value, known);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= 6) return '[…]';
  if (Array.isArray(value)) return value.map((v) => redactValue(v, known, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_FIELD.test(k) ? REDACTED : redactValue(v, known, depth + 1);
  }
  return out;
}

/** Where log lines go: console in development, a file in the app's logs folder in production. */
export type LogWrite = (level: 'info' | 'warn' | 'error', line: string) => void;

/** Creates the logger; `knownSecrets` is asked on every line so newly entered keys are covered. */
export function createRedactingLogger(
  write: LogWrite,
  knownSecrets: () => readonly string[] = () => [],
): Logger {
  const log = (level: 'info' | 'warn' | 'error') => (message: string, details?: Record<string, unknown>) => {
    const known = knownSecrets();
    const tail = details === undefined ? '' : ` ${JSON.stringify(redactValue(details, known))}`;
    write(level, `${new Date().toISOString()} ${level.toUpperCase()} ${redactText(message, known)}${tail}`);
  };
  return { info: log('info'), warn: log('warn'), error: log('error') };
}

/** Appends lines to a log file (rotated once past `maxBytes` at start); logging never throws. */
export function createFileLogWrite(path: string, maxBytes = 5_000_000): LogWrite {
  try {
    mkdirSync(dirname(path), { recursive: true });
    if (existsSync(path) && statSync(path).size > maxBytes) renameSync(path, `${path}.old`);
  } catch {
    // An unwritable log folder must not stop the app; lines are then dropped.
  }
  return (_level, line) => {
    try {
      appendFileSync(path, `${line}\n`, { mode: 0o600 });
    } catch {
      // as above
    }
  };
}
