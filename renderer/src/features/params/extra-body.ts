import { BODY_OWN_KEYS } from '../../../../shared/request-body';
import { FORBIDDEN_KEYS } from '../../../../shared/schemas';

/** The outcome of reading the extra-body editor. */
export type ExtraBodyParse =
  | { ok: true; value: Record<string, unknown> | undefined; overrides: string[] }
  | { ok: false; error: string };

const MAX_CHARS = 100_000;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first forbidden key anywhere in a parsed value, with its path. */
function findForbiddenKey(value: unknown, path: string): string | undefined {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findForbiddenKey(value[i], `${path}[${i}]`);
      if (hit) return hit;
    }
  } else if (isPlainObject(value)) {
    for (const key of Object.keys(value)) {
      const at = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) return at;
      const hit = findForbiddenKey(value[key], at);
      if (hit) return hit;
    }
  }
  return undefined;
}

/**
 * Validates the extra-body JSON: an object, no `__proto__` / `constructor` / `prototype` keys at any depth (they would
 * reach Object.prototype if merged naively; docs/architecture.md#validate-at-boundaries), at most 100 kB. Empty text means "no extra body".
 */
export function parseExtraBody(text: string): ExtraBodyParse {
  if (text.trim() === '') return { ok: true, value: undefined, overrides: [] };
  if (text.length > MAX_CHARS) return { ok: false, error: 'Extra body is larger than 100 kB.' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `Not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!isPlainObject(parsed))
    return { ok: false, error: 'Extra body must be a JSON object, like {"top_k": 40}.' };
  const forbidden = findForbiddenKey(parsed, '');
  if (forbidden) return { ok: false, error: `The key “${forbidden}” is not allowed (reserved name).` };
  const overrides = Object.keys(parsed).filter((k) => BODY_OWN_KEYS.has(k));
  return { ok: true, value: Object.keys(parsed).length > 0 ? parsed : undefined, overrides };
}

/** The editor text for a stored extra body. */
export const extraBodyText = (value: Record<string, unknown> | undefined): string =>
  value ? JSON.stringify(value, null, 2) : '';
