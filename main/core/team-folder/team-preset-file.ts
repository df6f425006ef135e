/**
 * One preset per file, in the shared preset format (`r9s-playground/preset`), written so that git diffs show only
 * what changed: keys in a fixed order (the parameter table's), 2-space indent, a trailing newline and no export time,
 * so saving an unchanged preset rewrites the same bytes. What is written is checked against the strict file schema
 * first: a key, a price table or any other field the format does not name can never reach the folder.
 */
import { PARAM_SPECS, type CompletionParams } from '../../../shared/params';
import {
  createPresetFile,
  parsePresetFile,
  presetFileSchema,
  type SharedPreset,
} from '../../../shared/preset-format';
import { dropUnset } from '../../../shared/request-body';
import type { Preset } from '../../../shared/schemas';
import type { TeamFileProblem } from '../../../shared/team-folder';

/** The order params are written in: the request's own fields, then the parameter table's rows. */
const PARAM_ORDER: readonly string[] = ['model', 'prompt', 'stream', ...PARAM_SPECS.map((s) => s.wire)];

const rank = (key: string) => {
  const at = PARAM_ORDER.indexOf(key);
  return at === -1 ? PARAM_ORDER.length : at;
};

/** A JSON value with every object's keys sorted, so the extra body diffs the same however it was typed. */
const sortedKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((k) => [k, sortedKeys(record[k])]),
  );
};

const orderedParams = (params: CompletionParams): CompletionParams =>
  Object.fromEntries(
    Object.entries(dropUnset(params)).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b)),
  ) as unknown as CompletionParams;

/**
 * The file text of one preset. A base URL is written only when `baseUrl` is given (the user ticked "include the base
 * URL"): the preset's own if it has one, else this one, reduced to scheme, host and path so it cannot carry
 * credentials.
 */
export const serializeTeamPreset = (preset: Preset, baseUrl?: string): string => {
  const file = createPresetFile(
    [{ ...preset, params: orderedParams(preset.params) }],
    baseUrl !== undefined ? { includeBaseUrl: baseUrl } : {},
  );
  const only = file.presets[0];
  if (only?.extraBody) only.extraBody = sortedKeys(only.extraBody) as Record<string, unknown>;
  // The schema is strict: anything it does not name (a key, a price table) fails here, before the disk sees it.
  const checked = presetFileSchema.parse(file);
  return `${JSON.stringify(checked, null, 2)}\n`;
};

/** The 1-based line of the first git merge-conflict marker, if the text has one. */
export const mergeConflictLine = (text: string): number | undefined => {
  const match = /^(<{7}|={7}|>{7})(?:[ \t].*)?$/m.exec(text);
  return match ? text.slice(0, match.index).split('\n').length : undefined;
};

/** A file's text; editors on Windows may start it with a byte order mark, which JSON does not allow. */
export const fileText = (bytes: Buffer): string => bytes.toString('utf8').replace(/^\uFEFF/, '');

/** A file's reading: its content, or what is wrong with it. */
export type FileReading<T> = { ok: true; value: T } | { ok: false; problem: TeamFileProblem };

/** The problem a merge-conflicted file is listed with, if the text has conflict markers. */
export const mergeConflictProblem = (text: string): TeamFileProblem | undefined => {
  const line = mergeConflictLine(text);
  return line === undefined
    ? undefined
    : {
        message: `unresolved git merge conflict (conflict markers from line ${line}); resolve it in the file`,
        field: `line ${line}`,
        isMergeConflict: true,
      };
};

/** The one preset of a file's text, or why it is not one, naming the line or field; never throws. */
export const readTeamPreset = (text: string): FileReading<SharedPreset> => {
  const conflict = mergeConflictProblem(text);
  if (conflict) return { ok: false, problem: conflict };
  const parsed = parsePresetFile(text);
  if (!parsed.ok) {
    const { message, param } = parsed.error;
    return { ok: false, problem: { message, ...(param ? { field: param } : {}) } };
  }
  if (parsed.value.cases !== undefined) {
    // One file, one thing: a folder lists case sets from their own files, so none hides inside a preset's.
    return {
      ok: false,
      problem: {
        message: 'cases: a team folder keeps case sets in their own *.cases.json files, one set per file',
        field: 'cases',
      },
    };
  }
  const [only, ...more] = parsed.value.presets;
  if (!only || more.length > 0) {
    const count = parsed.value.presets.length;
    return {
      ok: false,
      problem: {
        message: `presets: a team folder file holds one preset; this one holds ${count} (export them one per file)`,
        field: 'presets',
      },
    };
  }
  return { ok: true, value: only };
};
