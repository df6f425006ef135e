import { useRef, useState } from 'react';
import { describeIssues } from '../../../../shared/api-schemas';
import { importCaseFile, importCaseText, exportCaseText } from '../../../../shared/cases/case-import';
import { caseSetSchema, type CaseTable } from '../../../../shared/cases/case-set';
import { CASES_FILE_SUFFIX } from '../../../../shared/cases/cases-file';
import {
  createPresetFileWithCases,
  parsePresetFile,
  serializePresetFile,
} from '../../../../shared/preset-format';
import type { Preset } from '../../../../shared/schemas';
import { useApi } from '../../api/api-context';
import { downloadText, fileStamp } from '../share/clipboard';
import { addCase, appendCases, EMPTY_TABLE, hasRoom } from './case-edits';
import { CaseSetsBar } from './case-sets-bar';
import { CasesTable } from './cases-table';

/** Props of the test-case panel. */
interface CasesPanelProps {
  table: CaseTable;
  /** The prompt's variables, shown first. */
  variables: readonly string[];
  onChange: (table: CaseTable) => void;
  /** The presets the Compare columns use: "Export with presets" shares them with the cases in one preset file. */
  presets: readonly Preset[];
}

/** Whether a file name is a preset file (any .json but a case-set file). */
const isPresetFileName = (name: string) => {
  const lower = name.toLowerCase();
  return lower.endsWith('.json') && !lower.endsWith(CASES_FILE_SUFFIX);
};

/** Most characters read from one file or paste (the importers refuse more with a message). */
const MAX_FILE_BYTES = 100 * 1024 * 1024;

/**
 * Test cases: the table, plus adding a case, pasting CSV/TSV/JSONL, importing and exporting CSV and JSONL files, and
 * the named case sets. An import is all or nothing: a bad file is named with its line and the table stays as it was.
 */
export function CasesPanel({ table, variables, onChange, presets }: CasesPanelProps) {
  const api = useApi();
  const [paste, setPaste] = useState('');
  const [error, setError] = useState<string>();
  const [status, setStatus] = useState<string>();
  const [setName, setSetName] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);
  const shown = [...variables, ...table.variables.filter((v) => !variables.includes(v))];

  const append = (imported: CaseTable, what: string) => {
    if (!hasRoom(table, imported.rows.length)) {
      setError(`${what}: the table would hold more than 10,000 cases; nothing was added.`);
      return false;
    }
    onChange(appendCases(table, imported));
    setError(undefined);
    setStatus(`${imported.rows.length} case${imported.rows.length === 1 ? '' : 's'} added from ${what}.`);
    return true;
  };
  const addPasted = () => {
    const parsed = importCaseText(paste);
    if (!parsed.ok) return setError(`Pasted cases: ${parsed.error.message}`);
    if (append(parsed.value, 'the paste')) setPaste('');
  };
  const importFile = async (file: File) => {
    if (file.size > MAX_FILE_BYTES) return setError(`${file.name}: the file is larger than 100 MB.`);
    const text = await file.text();
    if (isPresetFileName(file.name)) {
      // A preset file may carry case sets (its `cases` section); they are added together or not at all.
      const shared = parsePresetFile(text);
      if (!shared.ok) return setError(`${file.name}: ${shared.error.message}`);
      const sets = shared.value.cases ?? [];
      if (sets.length === 0) return setError(`${file.name}: the preset file holds no case sets.`);
      const merged = sets.reduce<CaseTable>((t, set) => appendCases(t, set), EMPTY_TABLE);
      return void append(merged, file.name);
    }
    const parsed = importCaseFile(file.name, text);
    if (!parsed.ok) return setError(parsed.error.message);
    append(parsed.value, file.name);
  };
  const exportWithPresets = () => {
    const set = caseSetSchema.safeParse({
      name: setName.trim() || 'Cases',
      variables: shown,
      rows: table.rows,
    });
    if (!set.success) return setError(`Case set: ${describeIssues(set.error).message}`);
    const file = createPresetFileWithCases(presets, [set.data], { exportedAt: new Date().toISOString() });
    downloadText(`r9s-presets-and-cases-${fileStamp()}.json`, serializePresetFile(file), 'application/json');
    setStatus(
      `Exported ${presets.length} preset${presets.length === 1 ? '' : 's'} with ${table.rows.length} cases.`,
    );
  };
  const exportAs = (format: 'csv' | 'jsonl') => {
    const data = { variables: shown, rows: table.rows };
    const type = format === 'csv' ? 'text/csv' : 'application/x-ndjson';
    downloadText(`r9s-cases-${fileStamp()}.${format}`, exportCaseText(data, format), type);
  };

  return (
    <section className="cases-panel" aria-label="Test cases panel">
      <div className="cases-toolbar">
        <button type="button" className="button" onClick={() => hasRoom(table) && onChange(addCase(table))}>
          Add case
        </button>
        <button type="button" className="button" onClick={() => fileInput.current?.click()}>
          Import cases…
        </button>
        <input
          ref={fileInput}
          type="file"
          hidden
          aria-label="Cases file"
          accept=".csv,.tsv,.tab,.jsonl,.ndjson,.json"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void importFile(file);
          }}
        />
        <button
          type="button"
          className="button"
          disabled={table.rows.length === 0}
          onClick={() => exportAs('csv')}
        >
          Export CSV
        </button>
        <button
          type="button"
          className="button"
          disabled={table.rows.length === 0}
          onClick={() => exportAs('jsonl')}
        >
          Export JSONL
        </button>
        <button
          type="button"
          className="button"
          disabled={table.rows.length === 0 || presets.length === 0}
          title="A preset file with the columns' presets and these cases (choose presets in the columns first)"
          onClick={exportWithPresets}
        >
          Export with presets
        </button>
        <CaseSetsBar
          name={setName}
          onName={setSetName}
          api={api}
          table={{ variables: shown, rows: table.rows }}
          onLoad={onChange}
          onStatus={setStatus}
          onError={setError}
        />
      </div>
      <CasesTable table={table} variables={shown} onChange={onChange} />
      <details className="cases-paste">
        <summary>Paste cases</summary>
        <label className="form-field">
          CSV, TSV or JSONL (first line names the columns; JSONL: one object per line)
          <textarea
            className="text-input"
            rows={4}
            value={paste}
            onChange={(e) => setPaste(e.target.value)}
          />
        </label>
        <button type="button" className="button" disabled={paste.trim() === ''} onClick={addPasted}>
          Add pasted cases
        </button>
      </details>
      {error ? (
        <p className="run-refusal" role="alert">
          {error}
        </p>
      ) : null}
      {status && !error ? (
        <p className="muted" role="status">
          {status}
        </p>
      ) : null}
    </section>
  );
}
