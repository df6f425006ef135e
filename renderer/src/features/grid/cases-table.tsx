import type { CaseTable } from '../../../../shared/cases/case-set';
import { caseValue } from '../../../../shared/cases/case-set';
import { deleteCase, duplicateCase, setCaseField, type CaseField } from './case-edits';

/** Props of the case table. */
interface CasesTableProps {
  table: CaseTable;
  /** The variable columns to show, in order. */
  variables: readonly string[];
  onChange: (table: CaseTable) => void;
}

/** Most rows drawn at once; a bigger set still runs whole, and the rest are counted below the table. */
const MAX_DRAWN_ROWS = 200;

/**
 * The "Test cases" table: a column per variable plus "expected" and "notes", a row per case, every cell editable,
 * each row with Duplicate and Delete.
 */
export function CasesTable({ table, variables, onChange }: CasesTableProps) {
  const columns: { field: CaseField; label: string }[] = [
    ...variables.map((v) => ({ field: { variable: v }, label: v })),
    { field: 'expected', label: 'expected' },
    { field: 'notes', label: 'notes' },
  ];
  const valueOf = (row: CaseTable['rows'][number], field: CaseField) =>
    typeof field === 'object' ? caseValue(row, field.variable) : (row[field] ?? '');
  const drawn = table.rows.slice(0, MAX_DRAWN_ROWS);
  return (
    <div className="cases-table-wrap">
      <table className="cases-table" aria-label="Test cases">
        <thead>
          <tr>
            <th scope="col">Case</th>
            {columns.map((c) => (
              <th key={c.label} scope="col" className={typeof c.field === 'object' ? '' : 'muted'}>
                {c.label}
              </th>
            ))}
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {drawn.map((row) => (
            <tr key={row.id}>
              <th scope="row">{row.id}</th>
              {columns.map((c) => (
                <td key={c.label}>
                  <textarea
                    className="text-input case-cell"
                    rows={1}
                    aria-label={`${c.label} of ${row.id}`}
                    value={valueOf(row, c.field)}
                    onChange={(e) => onChange(setCaseField(table, row.id, c.field, e.target.value))}
                  />
                </td>
              ))}
              <td className="case-actions">
                <button
                  type="button"
                  className="button"
                  aria-label={`Duplicate ${row.id}`}
                  onClick={() => onChange(duplicateCase(table, row.id))}
                >
                  Duplicate
                </button>
                <button
                  type="button"
                  className="button"
                  aria-label={`Delete ${row.id}`}
                  onClick={() => onChange(deleteCase(table, row.id))}
                >
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {table.rows.length > drawn.length ? (
        <p className="muted">
          {table.rows.length - drawn.length} more cases are not drawn here; they run with the grid and are
          exported.
        </p>
      ) : null}
    </div>
  );
}
