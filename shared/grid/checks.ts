/**
 * Simple checks run on every cell of a grid: contains, does not contain, regex, maximum length, valid JSON, and
 * equals the case's "expected". A check reads the first choice's output. A result is pass, fail, or not applicable
 * (no expected value to compare, an output too long for a regex) with the reason.
 */
import { z } from 'zod';
import { fail, ok, type Result } from '../result';
import { compileCheckPattern, MAX_REGEX_INPUT_CHARS } from './regex-guard';

/** One check, as the user sets it up for a grid. */
export const gridCheckSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('contains'),
    text: z.string().min(1).max(10_000),
    ignoreCase: z.boolean().optional(),
  }),
  z.strictObject({
    kind: z.literal('not-contains'),
    text: z.string().min(1).max(10_000),
    ignoreCase: z.boolean().optional(),
  }),
  z.strictObject({
    kind: z.literal('regex'),
    pattern: z.string().min(1).max(500),
    flags: z.string().max(4).optional(),
  }),
  z.strictObject({ kind: z.literal('max-length'), chars: z.int().min(0).max(100_000_000) }),
  z.strictObject({ kind: z.literal('valid-json') }),
  z.strictObject({
    kind: z.literal('equals-expected'),
    trim: z.boolean().optional(),
    ignoreCase: z.boolean().optional(),
  }),
]);

/** One check. */
export type GridCheck = z.infer<typeof gridCheckSchema>;

/** The outcome of one check on one cell: `pass` is null when the check did not apply. */
export interface CheckResult {
  check: string;
  pass: boolean | null;
  reason?: string;
}

/** A short human label: `contains "foo"`, `regex /a+/i`, `max 200 chars`. */
export const checkLabel = (check: GridCheck): string => {
  const quote = (t: string) => JSON.stringify(t.length > 40 ? `${t.slice(0, 40)}…` : t);
  switch (check.kind) {
    case 'contains':
      return `contains ${quote(check.text)}${check.ignoreCase ? ' (any case)' : ''}`;
    case 'not-contains':
      return `does not contain ${quote(check.text)}${check.ignoreCase ? ' (any case)' : ''}`;
    case 'regex':
      return `matches /${check.pattern}/${check.flags ?? ''}`;
    case 'max-length':
      return `at most ${check.chars} characters`;
    case 'valid-json':
      return 'is valid JSON';
    case 'equals-expected':
      return `equals expected${check.trim ? ' (trimmed)' : ''}${check.ignoreCase ? ' (any case)' : ''}`;
  }
};

/** A check ready to run on many cells (its regex compiled once). */
export type CompiledCheck = { check: GridCheck; label: string; regex?: RegExp };

/** Validates and prepares a check; a bad pattern fails here, once, rather than on every cell. */
export const compileCheck = (input: unknown): Result<CompiledCheck> => {
  const parsed = gridCheckSchema.safeParse(input);
  if (!parsed.success) return fail('invalid_input', `check: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const check = parsed.data;
  if (check.kind !== 'regex') return ok({ check, label: checkLabel(check) });
  const regex = compileCheckPattern(check.pattern, check.flags);
  if (!regex.ok) return fail('invalid_input', `check ${checkLabel(check)}: ${regex.error.message}`);
  return ok({ check, label: checkLabel(check), regex: regex.value });
};

const fold = (text: string, ignoreCase: boolean | undefined) => (ignoreCase ? text.toLowerCase() : text);

/** Runs one check on an output; `expected` is the case's expected value, when it has one. */
export const runCheck = (
  compiled: CompiledCheck,
  output: string,
  expected: string | undefined,
): CheckResult => {
  const { check, label } = compiled;
  const verdict = (pass: boolean | null, reason?: string): CheckResult => ({
    check: label,
    pass,
    ...(reason ? { reason } : {}),
  });
  switch (check.kind) {
    case 'contains':
      return verdict(fold(output, check.ignoreCase).includes(fold(check.text, check.ignoreCase)));
    case 'not-contains':
      return verdict(!fold(output, check.ignoreCase).includes(fold(check.text, check.ignoreCase)));
    case 'regex':
      if (output.length > MAX_REGEX_INPUT_CHARS) {
        return verdict(
          null,
          `the output is longer than ${MAX_REGEX_INPUT_CHARS} characters, too long for a regex check`,
        );
      }
      return verdict(compiled.regex?.test(output) ?? false);
    case 'max-length':
      return verdict(
        output.length <= check.chars,
        output.length > check.chars ? `${output.length} characters` : undefined,
      );
    case 'valid-json':
      try {
        JSON.parse(output);
        return verdict(true);
      } catch (e) {
        return verdict(false, e instanceof Error ? e.message.slice(0, 200) : 'not JSON');
      }
    case 'equals-expected': {
      if (expected === undefined) return verdict(null, 'the case has no expected value');
      const norm = (t: string) => fold(check.trim ? t.trim() : t, check.ignoreCase);
      return verdict(norm(output) === norm(expected));
    }
  }
};
