import type { Logger } from '../core/ports';

const BEARER = /\b(Bearer)\s+[^\s"',;]+/gi;

/**
 * Web mode's logger: one line per entry on stderr (stdout carries only the URL line). Callers pass redacted values;
 * this redacts again (design rule 8): the known secrets (R9S_API_KEY) and any `Bearer …` value.
 */
export const createStderrLogger = (
  options: { knownSecrets?: readonly string[]; verbose?: boolean; write?: (line: string) => void } = {},
): Logger => {
  const write = options.write ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const secrets = (options.knownSecrets ?? []).filter((s) => s.length >= 4);
  const redact = (text: string) => {
    let out = text;
    for (const secret of secrets) out = out.split(secret).join('[redacted]');
    return out.replace(BEARER, '$1 [redacted]');
  };
  const log = (level: 'info' | 'warn' | 'error') => (message: string, details?: Record<string, unknown>) => {
    if (level === 'info' && !options.verbose) return;
    const tail = details === undefined ? '' : ` ${JSON.stringify(details)}`;
    write(redact(`${new Date().toISOString()} ${level.toUpperCase()} ${message}${tail}`));
  };
  return { info: log('info'), warn: log('warn'), error: log('error') };
};
