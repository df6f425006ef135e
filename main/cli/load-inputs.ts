/**
 * Reads what a command-line run needs from disk and turns it into a grid: preset files (or folders of
 * `*.preset.json`) become columns, the cases file becomes rows. Any problem is a CliInputError naming the file and
 * the field, which the runner reports with exit code 2 before a single request is sent.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { importCaseFile } from '../../shared/cases/case-import';
import { MAX_CASES_FILE_CHARS, positionalCaseId, type CaseRow } from '../../shared/cases/case-set';
import type { GridColumn } from '../../shared/grid/grid-types';
import { parsePresetFile } from '../../shared/preset-format';
import { httpUrlSchema } from '../../shared/schemas';
import { variablesOf } from '../../shared/template';
import type { CliOptions } from './cli-args';

/** Bad input: what is wrong, in which file and field. */
export class CliInputError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly field?: string,
  ) {
    super(file ? `${file}: ${message}` : message);
  }
}

/** Everything a run needs, read and checked. */
export interface CliInputs {
  columns: GridColumn[];
  cases: CaseRow[];
  baseUrl: string;
}

/** The suffix of preset files picked up from a folder. */
export const PRESET_SUFFIX = '.preset.json';

const readText = async (path: string, maxChars: number): Promise<string> => {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new CliInputError('not a file', path);
    if (info.size > maxChars * 4) throw new CliInputError(`the file is too large (${info.size} bytes)`, path);
    return await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof CliInputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliInputError(
      code === 'ENOENT' ? 'no such file' : `cannot read it (${code ?? String(error)})`,
      path,
    );
  }
};

/** The preset files named on the command line: files as given, folders as their `*.preset.json`, each once. */
const presetFiles = async (args: readonly string[]): Promise<string[]> => {
  const files: string[] = [];
  for (const arg of args) {
    const info = await stat(arg).catch(() => undefined);
    if (!info) throw new CliInputError('no such file or folder', arg);
    if (!info.isDirectory()) {
      files.push(arg);
      continue;
    }
    const names = (await readdir(arg)).filter((n) => n.endsWith(PRESET_SUFFIX)).sort();
    if (names.length === 0) throw new CliInputError(`the folder holds no *${PRESET_SUFFIX} files`, arg);
    files.push(...names.map((n) => join(arg, n)));
  }
  const seen = new Set<string>();
  return files.filter((f) => !seen.has(resolve(f)) && seen.add(resolve(f)));
};

/** Columns of every preset in the files; ids are `<file name>#<position>`, the same on every machine. */
const loadColumns = async (options: CliOptions, prompt: string | undefined): Promise<GridColumn[]> => {
  const columns: GridColumn[] = [];
  const labels = new Map<string, number>();
  for (const file of await presetFiles(options.presets)) {
    const parsed = parsePresetFile(await readText(file, 5_000_000));
    if (!parsed.ok) throw new CliInputError(parsed.error.message, file, parsed.error.param);
    parsed.value.presets.forEach((preset, i) => {
      const field = `presets.${i}.params`;
      const model = options.model ?? preset.params.model;
      if (!model.trim()) {
        throw new CliInputError(
          'the preset has no model; set one in the preset or pass --model',
          file,
          `${field}.model`,
        );
      }
      const template = prompt ?? (preset.includesPrompt ? preset.params.prompt : '');
      if (!template) {
        throw new CliInputError(
          `${field}.prompt: the preset does not include a prompt; pass --prompt or --prompt-file`,
          file,
          `${field}.prompt`,
        );
      }
      const seen = labels.get(preset.name) ?? 0;
      labels.set(preset.name, seen + 1);
      columns.push({
        id: `${basename(file)}#${i + 1}`,
        label: seen === 0 ? preset.name : `${preset.name} (${seen + 1})`,
        params: { ...preset.params, model, prompt: template },
        ...(preset.extraBody ? { extraBody: preset.extraBody } : {}),
      });
    });
  }
  return columns;
};

/** The cases: the file's rows, or one case without values when the prompts use no variables. */
const loadCases = async (options: CliOptions, columns: readonly GridColumn[]): Promise<CaseRow[]> => {
  const used = [...new Set(columns.flatMap((c) => variablesOf(c.params.prompt)))];
  if (options.cases === undefined) {
    if (used.length > 0) {
      const list = used.map((v) => `{{${v}}}`).join(', ');
      throw new CliInputError(
        `the prompt uses ${list}; pass --cases with a column for each`,
        undefined,
        used[0],
      );
    }
    return [{ id: positionalCaseId(0), values: {} }];
  }
  const file = options.cases;
  const table = importCaseFile(file, await readText(file, MAX_CASES_FILE_CHARS));
  if (!table.ok) {
    const message = table.error.message.replace(`${file}: `, '');
    const line = /^line \d+(?:, (?:column|field) \d+)?/.exec(message)?.[0];
    throw new CliInputError(message, file, table.error.param ?? line);
  }
  const missing = used.filter((v) => !table.value.variables.includes(v));
  if (missing.length > 0) {
    throw new CliInputError(
      `no column for the variable "${missing[0]}" that the prompt uses`,
      file,
      missing[0],
    );
  }
  if (table.value.rows.length === 0) throw new CliInputError('the file holds no cases', file);
  return table.value.rows;
};

/**
 * Reads and checks every input of a run; throws CliInputError on the first problem. The server comes only from
 * --base-url or R9S_BASE_URL, never from a preset file's own base URL: the key must not follow a URL that arrived
 * in a shared file.
 */
export const loadInputs = async (options: CliOptions, env: NodeJS.ProcessEnv): Promise<CliInputs> => {
  const rawBase = options.baseUrl ?? env['R9S_BASE_URL']?.trim();
  if (!rawBase)
    throw new CliInputError('no server: pass --base-url or set R9S_BASE_URL', undefined, '--base-url');
  const base = httpUrlSchema.safeParse(rawBase);
  if (!base.success)
    throw new CliInputError(
      `--base-url "${rawBase.slice(0, 100)}": not an http(s) URL`,
      undefined,
      '--base-url',
    );
  const prompt =
    options.promptFile !== undefined ? await readText(options.promptFile, 2_000_000) : options.prompt;
  if (prompt !== undefined && prompt.length > 2_000_000) {
    throw new CliInputError('the prompt is longer than 2,000,000 characters', options.promptFile, '--prompt');
  }
  const columns = await loadColumns(options, prompt);
  const cases = await loadCases(options, columns);
  return { columns, cases, baseUrl: base.data };
};
