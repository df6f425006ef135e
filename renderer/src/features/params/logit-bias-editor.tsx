import { useEffect, useState } from 'react';
import type { LogitBiasRow } from '../../../../shared/param-kinds';
import { PARAM_TABLE, type SpecOf } from '../../../../shared/params';
import { ParamRow } from './param-row';

/** One editable row: text as typed, so a half-typed value is not lost. */
export interface BiasRow {
  token: string;
  bias: string;
}

/** A number as the UI writes it, with a typographic minus. */
const signed = (n: number) => (n < 0 ? `−${-n}` : String(n));

/** Why a row cannot be sent, or undefined when it can. */
export function biasRowError(row: BiasRow): string | undefined {
  if (!/^\d{1,9}$/.test(row.token.trim())) return 'Token id must be a whole number (up to 9 digits).';
  const bias = Number(row.bias.trim());
  if (row.bias.trim() === '' || !Number.isFinite(bias)) return 'Bias must be a number.';
  const { min, max } = PARAM_TABLE.logit_bias;
  if (bias < min || bias > max) return `Bias must be between ${signed(min)} and ${signed(max)}.`;
  return undefined;
}

/** The valid rows as OpenAI's `{ "token_id": bias }`; later rows win on duplicate ids. */
export function rowsToBias(rows: BiasRow[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const row of rows)
    if (!biasRowError(row)) out[String(Number(row.token.trim()))] = Number(row.bias.trim());
  return out;
}

/** A row just added and not yet typed in: not an error, and not sent. */
const isUntouched = (row: BiasRow) => row.token === '' && row.bias === '0';

/** The first row that cannot be sent, as "Row n: why", or undefined when every row is fine. */
export function biasRowsError(rows: BiasRow[]): string | undefined {
  for (const [i, row] of rows.entries()) {
    const error = isUntouched(row) ? undefined : biasRowError(row);
    if (error) return `row ${i + 1}: ${error}`;
  }
  return undefined;
}

const biasToRows = (bias: Record<string, number> | undefined): BiasRow[] =>
  Object.entries(bias ?? {}).map(([token, b]) => ({ token, bias: String(b) }));

/** Props of the logit-bias editor. */
interface LogitBiasEditorProps {
  spec: SpecOf<LogitBiasRow>;
  value: Record<string, number> | undefined;
  onChange: (value: Record<string, number> | undefined) => void;
  /** Told whenever a row turns invalid (why) or every row is fine again (undefined), and undefined on unmount. */
  onValidity?: (error: string | undefined) => void;
}

/**
 * Token id + bias rows (a group named "Logit bias"); invalid rows are explained inline, not sent, and reported
 * through `onValidity`, so a run waits for them instead of going out without the bias the user typed.
 */
export function LogitBiasEditor({ spec, value, onChange, onValidity }: LogitBiasEditorProps) {
  const [rows, setRows] = useState<BiasRow[]>(() => biasToRows(value));
  const [sent, setSent] = useState(value);
  // A draft replaced from outside (a preset) brings its own rows (state adjusted while rendering).
  if (value !== sent) {
    setSent(value);
    setRows(biasToRows(value));
  }

  const rowsError = biasRowsError(rows);
  useEffect(() => onValidity?.(rowsError), [rowsError, onValidity]);
  useEffect(() => () => onValidity?.(undefined), [onValidity]);

  const update = (next: BiasRow[]) => {
    setRows(next);
    const out = rowsToBias(next);
    setSent(out);
    onChange(out);
  };
  const setRow = (i: number, patch: Partial<BiasRow>) =>
    update(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  return (
    <ParamRow
      spec={spec}
      isSet={value !== undefined}
      onSet={() => update([{ token: '', bias: '0' }])}
      onUnset={() => {
        setRows([]);
        setSent(undefined);
        onChange(undefined);
      }}
    >
      <div role="group" aria-label={spec.label} className="bias-table">
        {rows.map((row, i) => {
          const error = isUntouched(row) ? undefined : biasRowError(row);
          return (
            <div key={i} className="bias-row">
              <input
                className="text-input"
                inputMode="numeric"
                aria-label={`Token id ${i + 1}`}
                placeholder="token id"
                value={row.token}
                aria-invalid={error !== undefined}
                onChange={(e) => setRow(i, { token: e.target.value })}
              />
              <input
                className="number-input"
                type="number"
                min={spec.min}
                max={spec.max}
                step={spec.step}
                aria-label={`Bias ${i + 1}`}
                value={row.bias}
                aria-invalid={error !== undefined}
                onChange={(e) => setRow(i, { bias: e.target.value })}
              />
              <button
                type="button"
                className="icon-button"
                onClick={() => update(rows.filter((_, j) => j !== i))}
                title="Remove this token bias"
              >
                <span aria-hidden="true">×</span>
                <span className="sr-only">Remove token bias {i + 1}</span>
              </button>
              {error ? (
                <p className="param-note param-note-warn bias-error" role="alert">
                  {error}
                </p>
              ) : null}
            </div>
          );
        })}
        <button
          type="button"
          className="button button-small"
          disabled={rows.length >= spec.maxEntries}
          title={rows.length >= spec.maxEntries ? `At most ${spec.maxEntries} token biases.` : undefined}
          onClick={() => update([...rows, { token: '', bias: '0' }])}
        >
          Add token bias
        </button>
      </div>
    </ParamRow>
  );
}
