import { formatParamValue, type ParamChange } from '../../../../shared/param-diff';

/** Props of the diff table. */
interface ParamDiffTableProps {
  changes: ParamChange[];
  beforeLabel: string;
  afterLabel: string;
  /** Accessible name of the table. */
  label: string;
}

const CHANGE_TEXT = { set: 'set', unset: 'unset', changed: 'changed' } as const;

/** A parameter-level diff: one row per differing field, "not set" shown as such. */
export function ParamDiffTable({ changes, beforeLabel, afterLabel, label }: ParamDiffTableProps) {
  if (changes.length === 0) return <p className="muted">No differences.</p>;
  return (
    <table className="param-diff" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Parameter</th>
          <th scope="col">{beforeLabel}</th>
          <th scope="col">{afterLabel}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.key} className={`param-diff-${c.change}`}>
            <th scope="row">
              {c.label} <span className="sr-only">({CHANGE_TEXT[c.change]})</span>
            </th>
            <td className={c.before === undefined ? 'param-diff-unset' : undefined}>
              <code>{formatParamValue(c.before)}</code>
            </td>
            <td className={c.after === undefined ? 'param-diff-unset' : undefined}>
              <code>{formatParamValue(c.after)}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
