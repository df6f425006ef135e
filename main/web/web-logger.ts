import type { Logger } from '../core/ports';
import { redactSecrets } from '../core/secrets/redact';

const BEARER = /\b(Bearer)\s+[^\s"',;]+/gi;

/**
 * Web mode's logger: one line per entry on stderr (stdout carries only the URL line). Callers pass redacted values;
 * this redacts again (docs/architecture.md#write-only-key): every key the service knows (asked per line, so a key
 * entered in the page counts at once) and any `Bearer …` value.
 */
export const createStderrLogger = (
  options: {
    knownSecrets?: () => readonly string[];
    verbose?: boolean;
    write?: (line: string) => void;
  } = {},
): Logger => {
  const write = options.write ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const redact = (text: string) =>
    redactSecrets(text, options.knownSecrets?.() ?? []).replace(BEARER, '$1 [redacted]');
  const log = (level: 'info' | 'warn' | 'error') => (message: string, details?: Record<string, unknown>) => {
    if (level === 'info' && !options.verbose) return;
    const tail = details === undefined ? '' : ` ${JSON.stringify(details)}`;
    write(redact(`${new Date().toISOString()} ${level.toUpperCase()} ${message}${tail}`));
  };
  return { info: log('info'), warn: log('warn'), error: log('error') };
};
