/**
 * Prompt variables: `{{name}}` in a prompt is a slot filled per run or per test case, and `\{{` writes a literal
 * `{{`. Parsing is one linear pass (a prompt may be megabytes long and is re-parsed as the user types), and filling
 * never re-reads a value, so a value that itself contains `{{x}}` is sent as typed.
 */

/** Longest variable name, in characters. */
export const MAX_VARIABLE_NAME = 100;

/** Names a variable may not take: they would reach an object prototype, or they name a case table's own columns. */
export const RESERVED_VARIABLE_NAMES: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
  'expected',
  'notes',
]);

/** Letters (any script), digits, `_`, `-` and `.`. */
const NAME_PATTERN = /^[\p{L}\p{N}_.-]+$/u;

/** The whitespace that may pad a name inside the braces, beyond which the text cannot be a variable. */
const MAX_INNER = MAX_VARIABLE_NAME + 64;

/** Whether `name` can be a variable: allowed characters, not too long, not reserved. */
export const isVariableName = (name: string): boolean =>
  name.length > 0 &&
  name.length <= MAX_VARIABLE_NAME &&
  NAME_PATTERN.test(name) &&
  !RESERVED_VARIABLE_NAMES.has(name);

/** A piece of a parsed prompt: literal text (escapes already applied) or a variable slot. */
export type TemplatePart =
  | { type: 'text'; text: string }
  | {
      type: 'variable';
      name: string;
      /** Offsets of the slot `{{ name }}` in the prompt, for highlighting it as the user types. */
      start: number;
      end: number;
    };

/** Splits a prompt into text and variable slots, in order; `\{{` becomes a literal `{{`. */
export const parseTemplate = (prompt: string): TemplatePart[] => {
  const parts: TemplatePart[] = [];
  let text = '';
  let textFrom = 0;
  let at = 0;
  // The first `}}` at or after the current slot; kept between slots so hostile input stays linear.
  let close = -1;
  for (;;) {
    const open = prompt.indexOf('{{', at);
    if (open < 0) break;
    if (open > 0 && prompt[open - 1] === '\\') {
      text += `${prompt.slice(textFrom, open - 1)}{{`;
      at = textFrom = open + 2;
      continue;
    }
    if (close < open + 2) close = prompt.indexOf('}}', open + 2);
    if (close < 0) break;
    const name = close - open - 2 <= MAX_INNER ? prompt.slice(open + 2, close).trim() : '';
    if (!isVariableName(name)) {
      // Not a slot; `{{{x}}}` still finds `{{x}}` one character later.
      at = open + 1;
      continue;
    }
    text += prompt.slice(textFrom, open);
    if (text !== '') parts.push({ type: 'text', text });
    text = '';
    parts.push({ type: 'variable', name, start: open, end: close + 2 });
    at = textFrom = close + 2;
  }
  text += prompt.slice(textFrom);
  if (text !== '') parts.push({ type: 'text', text });
  return parts;
};

/** The variables of a prompt, each once, in order of first use. */
export const variablesOf = (prompt: string): string[] => {
  const names = new Set<string>();
  for (const part of parseTemplate(prompt)) if (part.type === 'variable') names.add(part.name);
  return [...names];
};

/** Values by variable name; an absent or undefined value is "not filled" (an empty string is a value). */
export type TemplateValues = Readonly<Record<string, string | undefined>>;

/** The filled prompt, or the variables that still need a value and a message naming them. */
export type FillResult = { ok: true; text: string } | { ok: false; missing: string[]; message: string };

/** "Fill in the variable "a"" / "Fill in the variables "a", "b" and "c"". */
export const missingMessage = (missing: readonly string[]): string => {
  const quoted = missing.map((m) => `"${m}"`);
  const list = quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}` : quoted[0];
  return `Fill in the variable${missing.length > 1 ? 's' : ''} ${list ?? ''} to run this prompt.`;
};

/** Replaces every slot with its value; fails naming every variable without one. */
export const fillTemplate = (prompt: string, values: TemplateValues): FillResult => {
  const parts = parseTemplate(prompt);
  const missing = new Set<string>();
  let text = '';
  for (const part of parts) {
    if (part.type === 'text') {
      text += part.text;
      continue;
    }
    // Own properties only: a name like "toString" must not pick up Object.prototype's function.
    const value = Object.hasOwn(values, part.name) ? values[part.name] : undefined;
    if (typeof value === 'string') text += value;
    else missing.add(part.name);
  }
  if (missing.size > 0) return { ok: false, missing: [...missing], message: missingMessage([...missing]) };
  return { ok: true, text };
};

/** Escapes every `{{` in literal text so that parseTemplate reads it back unchanged. */
export const escapeTemplateText = (text: string): string => text.replaceAll('{{', '\\{{');
