/**
 * The case-set sharing format, one set per file (`*.cases.json` in a team folder):
 * `{ "format": "r9s-playground/cases", "version": 1, "name", "variables", "rows" }`.
 *
 * How old readers stay safe: the reader checks `format`, then `version` BEFORE the schema, and accepts only the
 * version it knows. A file from a newer app (version 2 or later) is refused with "written by a newer r9s Playground
 * … update the app", never half-read; the schema is strict, so a field a newer writer added without bumping the
 * version is refused by name rather than dropped. Writing is diff-friendly: fixed key order, values in column
 * order, 2-space indent, a trailing newline and no timestamp.
 */
import { describeIssues } from '../api-schemas';
import { parseUntrustedJson } from '../preset-format';
import { fail, ok, type Result } from '../result';
import { caseSetSchema, caseValue, MAX_CASES_FILE_CHARS, type CaseSet } from './case-set';

/** The `format` id of a case-set file. */
export const CASES_FILE_FORMAT = 'r9s-playground/cases';

/** The only version this build reads and writes. */
export const CASES_FILE_VERSION = 1;

/** The file name suffix of a case set in a folder. */
export const CASES_FILE_SUFFIX = '.cases.json';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A set as the file's object: keys in a fixed order (also a preset file's `cases` entry). */
export const casesFileObject = (set: CaseSet) => ({
  format: CASES_FILE_FORMAT,
  version: CASES_FILE_VERSION,
  name: set.name,
  variables: set.variables,
  rows: set.rows.map((row) => ({
    id: row.id,
    values: Object.fromEntries(set.variables.map((v) => [v, caseValue(row, v)])),
    ...(row.expected !== undefined ? { expected: row.expected } : {}),
    ...(row.notes !== undefined ? { notes: row.notes } : {}),
  })),
});

/** The file's text: keys in a fixed order, so saving an unchanged set rewrites identical bytes. */
export const serializeCasesFile = (set: CaseSet): string =>
  `${JSON.stringify(casesFileObject(set), null, 2)}\n`;

/** Validates a parsed value as a case-set file; every failure names the field (or the version it cannot read). */
export const validateCasesFile = (value: unknown): Result<CaseSet> => {
  if (!isRecord(value)) return fail('invalid_input', 'expected a JSON object with "format" and "version"');
  if (value['format'] !== CASES_FILE_FORMAT) {
    return fail(
      'invalid_input',
      `format: expected "${CASES_FILE_FORMAT}" — this is not an r9s Playground case set`,
      {
        param: 'format',
      },
    );
  }
  const version = value['version'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail('invalid_input', 'version: expected a whole number', { param: 'version' });
  }
  if (version > CASES_FILE_VERSION) {
    return fail(
      'invalid_input',
      `version: this case set was written by a newer r9s Playground (version ${version}); this app reads ` +
        `version ${CASES_FILE_VERSION} — update the app to open it`,
      { param: 'version' },
    );
  }
  const { format: _format, version: _version, ...set } = value;
  const parsed = caseSetSchema.safeParse(set);
  if (!parsed.success) {
    const { message, param } = describeIssues(parsed.error);
    return fail('invalid_input', message, param ? { param } : {});
  }
  return ok(parsed.data);
};

/** Parses case-set file text; never throws. */
export const parseCasesFile = (text: string): Result<CaseSet> => {
  const json = parseUntrustedJson(text, MAX_CASES_FILE_CHARS);
  return json.ok ? validateCasesFile(json.value) : json;
};
