/**
 * The preset sharing format: `{ format: "r9s-playground/preset", version: 1, presets: [...] }`.
 * Imported text is `unknown` until parsePresetFile narrows it (docs/architecture.md#validate-at-boundaries): size cap, depth cap, reserved keys
 * refused before any object is built from it, then the schema. A preset file never carries a key.
 */
import { z } from 'zod';
import { describeIssues } from './api-schemas';
import { fail, ok, type Result } from './result';
import { FORBIDDEN_KEYS, httpUrlSchema, presetSchema, type Preset } from './schemas';
import type { CaseSet } from './cases/case-set';
import { casesFileObject, validateCasesFile } from './cases/cases-file';

/** The `format` id written into every preset file and share code. */
export const PRESET_FILE_FORMAT = 'r9s-playground/preset';

/** The version of a file holding presets only: what every reader reads (team folders, share codes). */
export const PRESET_FILE_VERSION = 1;

/**
 * The version of a file that also carries a `cases` section (test-case sets, each in the case-set file format with
 * its own version). A reader that knows only version 1 refuses it by its version ("written by a newer r9s
 * Playground") instead of dropping the cases without a word.
 */
export const PRESET_FILE_CASES_VERSION = 2;

/** Most case sets one preset file may carry. */
export const MAX_CASE_SETS_PER_FILE = 50;

/** Largest preset file (or decoded share code) accepted, in characters. */
export const MAX_PRESET_FILE_CHARS = 5_000_000;

/** Most presets one file may carry. */
export const MAX_PRESETS_PER_FILE = 500;

/** Deepest JSON nesting accepted; a preset needs about 5 levels, extra body a few more. */
export const MAX_JSON_DEPTH = 32;

/** Most JSON values (objects, arrays, scalars) one file may hold. */
const MAX_JSON_NODES = 200_000;

/** One preset as it travels in a file: no id or timestamps (the importer assigns them), never a key. */
export const sharedPresetSchema = presetSchema
  .omit({ id: true, createdAt: true, updatedAt: true })
  .extend({ baseUrl: httpUrlSchema.optional() });

/** A whole preset file. Strict: an unknown field (say, `apiKey`) is refused with its name. */
export const presetFileSchema = z
  .strictObject({
    format: z.literal(PRESET_FILE_FORMAT),
    version: z.union([z.literal(PRESET_FILE_VERSION), z.literal(PRESET_FILE_CASES_VERSION)]),
    exportedAt: z.string().max(40).optional(),
    presets: z.array(sharedPresetSchema).min(1, 'the file holds no presets').max(MAX_PRESETS_PER_FILE),
    /** Case sets, each a case-set file object (shared/cases/cases-file.ts), validated by that format's reader. */
    cases: z.array(z.unknown()).max(MAX_CASE_SETS_PER_FILE).optional(),
  })
  .refine((f) => f.cases === undefined || f.version === PRESET_FILE_CASES_VERSION, {
    message: `a "cases" section needs version ${PRESET_FILE_CASES_VERSION}`,
    path: ['cases'],
  });

/** A preset as shared. */
export type SharedPreset = z.infer<typeof sharedPresetSchema>;

/** A parsed preset file; its case sets, when it has any, are validated ones. */
export type PresetFile = Omit<z.infer<typeof presetFileSchema>, 'cases'> & { cases?: CaseSet[] };

/** Drops credentials, query and fragment from a URL so a shared base URL cannot carry a secret; undefined if not http(s). */
export const sanitizeBaseUrl = (raw: string): string | undefined => {
  try {
    const url = new URL(raw.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return `${url.origin}${url.pathname === '/' ? '' : url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return undefined;
  }
};

/** Options of createPresetFile. */
export interface PresetFileOptions {
  /** Only when the user ticked "include base URL": the URL written for presets that have none of their own. */
  includeBaseUrl?: string;
  /** ISO time of the export. */
  exportedAt?: string;
}

/** Builds the file of the given presets; the prompt only where the preset includes it; a base URL only if asked. */
export const createPresetFile = (presets: readonly Preset[], opts: PresetFileOptions = {}): PresetFile => ({
  format: PRESET_FILE_FORMAT,
  version: PRESET_FILE_VERSION,
  ...(opts.exportedAt ? { exportedAt: opts.exportedAt } : {}),
  presets: presets.map((p) => {
    const baseUrl =
      opts.includeBaseUrl !== undefined ? sanitizeBaseUrl(p.baseUrl ?? opts.includeBaseUrl) : undefined;
    return {
      name: p.name,
      description: p.description,
      params: { ...p.params, prompt: p.includesPrompt ? p.params.prompt : '' },
      ...(p.extraBody ? { extraBody: p.extraBody } : {}),
      includesPrompt: p.includesPrompt,
      ...(baseUrl ? { baseUrl } : {}),
      ...(p.variables ? { variables: p.variables } : {}),
    };
  }),
});

/** Builds a file of presets and the case sets to run them on (version 2: readers of version 1 refuse it clearly). */
export const createPresetFileWithCases = (
  presets: readonly Preset[],
  sets: readonly CaseSet[],
  opts: PresetFileOptions = {},
): PresetFile & { cases: CaseSet[] } => ({
  ...createPresetFile(presets, opts),
  version: PRESET_FILE_CASES_VERSION,
  cases: [...sets],
});

/** The file's text, pretty-printed so a colleague can read it in a diff. */
export const serializePresetFile = (file: PresetFile): string => {
  const { cases, ...rest } = file;
  // Case sets are written in their own file format (with its format and version), so each reads back alone too.
  const out = cases === undefined ? rest : { ...rest, cases: cases.map(casesFileObject) };
  return `${JSON.stringify(out, null, 2)}\n`;
};

const pathText = (path: readonly (string | number)[]): string => path.map(String).join('.') || '(top level)';

/**
 * Walks parsed JSON without recursion, refusing reserved keys, deep nesting and huge node counts before any schema
 * copies a value (`__proto__` / `constructor` / `prototype` rejected anywhere).
 */
const checkJsonShape = (root: unknown): Result<null> => {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: root, path: [] }];
  let nodes = 1;
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (path.length >= MAX_JSON_DEPTH) {
      return fail('invalid_input', `${pathText(path)}: nested deeper than ${MAX_JSON_DEPTH} levels`, {
        param: pathText(path),
      });
    }
    const size = Array.isArray(value) ? value.length : Object.keys(value).length;
    nodes += size;
    if (nodes > MAX_JSON_NODES) return fail('invalid_input', 'the file holds too many values');
    if (Array.isArray(value)) {
      value.forEach((v: unknown, i) => stack.push({ value: v, path: [...path, i] }));
      continue;
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) {
        const where = pathText([...path, key]);
        return fail('invalid_input', `${where}: the key "${key}" is not allowed`, { param: where });
      }
      stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return ok(null);
};

/** Parses JSON text under the size, depth and reserved-key rules; never throws. */
export const parseUntrustedJson = (text: string, maxChars = MAX_PRESET_FILE_CHARS): Result<unknown> => {
  if (typeof text !== 'string') return fail('invalid_input', 'expected text');
  if (text.length > maxChars) {
    return fail('invalid_input', `the file is too large (${text.length} characters; at most ${maxChars})`);
  }
  let value: unknown;
  try {
    // JSON.parse defines `__proto__` as an own property (no prototype change); checkJsonShape then refuses it.
    value = JSON.parse(text);
  } catch (e) {
    return fail(
      'invalid_input',
      `not valid JSON: ${e instanceof Error ? e.message.slice(0, 200) : 'parse error'}`,
    );
  }
  const shape = checkJsonShape(value);
  return shape.ok ? ok(value) : shape;
};

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates an already-parsed value as a preset file, with an error naming the field. */
export const validatePresetFile = (value: unknown): Result<PresetFile> => {
  const shape = checkJsonShape(value);
  if (!shape.ok) return shape;
  if (!isRecord(value))
    return fail('invalid_input', 'expected a JSON object with "format", "version" and "presets"');
  if (value.format !== PRESET_FILE_FORMAT) {
    return fail(
      'invalid_input',
      `format: expected "${PRESET_FILE_FORMAT}" — this is not an r9s Playground preset file`,
      {
        param: 'format',
      },
    );
  }
  if (typeof value.version !== 'number') {
    return fail('invalid_input', 'version: expected a number', { param: 'version' });
  }
  if (value.version !== PRESET_FILE_VERSION && value.version !== PRESET_FILE_CASES_VERSION) {
    const hint =
      value.version > PRESET_FILE_CASES_VERSION ? ' (it was written by a newer r9s Playground)' : '';
    return fail(
      'invalid_input',
      `version: unsupported version ${String(value.version)}${hint}; this app reads versions ` +
        `${PRESET_FILE_VERSION} and ${PRESET_FILE_CASES_VERSION}`,
      { param: 'version' },
    );
  }
  const parsed = presetFileSchema.safeParse(value);
  if (!parsed.success) {
    const { message, param } = describeIssues(parsed.error);
    return fail('invalid_input', message, param ? { param } : {});
  }
  const { cases, ...file } = parsed.data;
  if (cases === undefined) return ok(file);
  const sets: CaseSet[] = [];
  for (const [i, raw] of cases.entries()) {
    // Each set is read by the case-set format's own reader, which checks its format and version first.
    const set = validateCasesFile(raw);
    if (!set.ok) {
      const where = `cases.${i}${set.error.param ? `.${set.error.param}` : ''}`;
      return fail('invalid_input', `cases.${i}: ${set.error.message}`, { param: where });
    }
    sets.push(set.value);
  }
  return ok({ ...file, cases: sets });
};

/** Parses and validates preset file text; every failure is a value with a readable message (never a throw). */
export const parsePresetFile = (text: string): Result<PresetFile> => {
  const json = parseUntrustedJson(text);
  return json.ok ? validatePresetFile(json.value) : json;
};

/** Turns a shared preset into a stored one; without an included prompt the prompt is left empty. */
export const toPreset = (shared: SharedPreset, meta: { id: string; now: number }): Preset => ({
  id: meta.id,
  name: shared.name,
  description: shared.description,
  params: { ...shared.params, prompt: shared.includesPrompt ? shared.params.prompt : '' },
  ...(shared.extraBody ? { extraBody: shared.extraBody } : {}),
  includesPrompt: shared.includesPrompt,
  ...(shared.baseUrl ? { baseUrl: shared.baseUrl } : {}),
  ...(shared.variables ? { variables: shared.variables } : {}),
  createdAt: meta.now,
  updatedAt: meta.now,
});
