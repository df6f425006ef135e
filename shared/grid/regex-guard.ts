/**
 * Guards for user-written check patterns. A JavaScript regex cannot be interrupted, so a pattern with nested
 * repetition such as `(a+)+$` or `(a|aa)*$` can freeze the page for minutes on one short output. Patterns whose
 * repeated group itself repeats or holds alternatives, and backreferences, are refused: that removes the exponential
 * cases. What remains can be polynomial (`.*a.*b` on a long text), so the text a pattern reads is capped in length.
 */
import { fail, ok, type Result } from '../result';

/** Longest pattern accepted. */
export const MAX_PATTERN_CHARS = 500;

/** Longest output a regex check reads; a longer one is reported as not checked rather than cut or run. */
export const MAX_REGEX_INPUT_CHARS = 20_000;

/** Flags a check may use: no `g` or `y`, whose lastIndex would make a check depend on the previous cell. */
const ALLOWED_FLAGS = /^[imsu]*$/;

/** Whether position `i` starts a quantifier: `*`, `+`, `?` or `{n}`, `{n,}`, `{n,m}`. */
const quantifierAt = (p: string, i: number): { isUnbounded: boolean; length: number } | undefined => {
  const c = p[i];
  if (c === '*' || c === '+') return { isUnbounded: true, length: 1 };
  if (c === '?') return { isUnbounded: false, length: 1 };
  if (c !== '{') return undefined;
  const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(i, i + 24));
  if (!m) return undefined;
  const isUnbounded = m[2] !== undefined && (m[3] === '' || Number(m[3]) > 50);
  return { isUnbounded, length: m[0].length };
};

/**
 * Finds nested repetition: a group repeated without bound whose body also repeats (star height above one) or
 * alternates, and backreferences. Scans the pattern once, tracking groups on a stack; character classes and escapes are skipped.
 */
const findDanger = (p: string): string | undefined => {
  const stack: { hasQuantifier: boolean; hasAlternation: boolean }[] = [];
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') {
      if (/[1-9k]/.test(p[i + 1] ?? '')) return 'backreferences are not allowed in check patterns';
      i++;
      continue;
    }
    if (c === '[') {
      for (i++; i < p.length && p[i] !== ']'; i++) if (p[i] === '\\') i++;
      continue;
    }
    if (c === '(') {
      stack.push({ hasQuantifier: false, hasAlternation: false });
      continue;
    }
    if (c === '|') {
      const group = stack[stack.length - 1];
      if (group) group.hasAlternation = true;
      continue;
    }
    if (c === ')') {
      const group = stack.pop();
      const q = quantifierAt(p, i + 1);
      if (q?.isUnbounded && group?.hasQuantifier) {
        return 'a repeated group may not contain another repetition (it can take forever on some outputs)';
      }
      if (q?.isUnbounded && group?.hasAlternation) {
        return 'a repeated group may not contain alternatives (a|b); repeat a character class [ab] instead';
      }
      const inner = group?.hasQuantifier === true || q !== undefined;
      const parent = stack[stack.length - 1];
      if (parent && inner) parent.hasQuantifier = true;
      if (q) i += q.length - 1;
      continue;
    }
    const q = quantifierAt(p, i);
    if (q) {
      const parent = stack[stack.length - 1];
      if (parent && (q.isUnbounded || c === '{')) parent.hasQuantifier = true;
      i += q.length - 1;
    }
  }
  return undefined;
};

/** Compiles a check pattern after the safety checks; a failure says what to change. */
export const compileCheckPattern = (pattern: string, flags = ''): Result<RegExp> => {
  if (pattern.length === 0) return fail('invalid_input', 'the pattern is empty');
  if (pattern.length > MAX_PATTERN_CHARS) {
    return fail('invalid_input', `the pattern is longer than ${MAX_PATTERN_CHARS} characters`);
  }
  if (!ALLOWED_FLAGS.test(flags) || new Set(flags).size !== flags.length) {
    return fail('invalid_input', `flags "${flags.slice(0, 10)}": use only i, m, s and u, each once`);
  }
  const danger = findDanger(pattern);
  if (danger) return fail('invalid_input', danger);
  try {
    return ok(new RegExp(pattern, flags));
  } catch (e) {
    return fail('invalid_input', `not a valid pattern: ${e instanceof Error ? e.message.slice(0, 200) : ''}`);
  }
};
