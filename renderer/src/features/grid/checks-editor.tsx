import { useState, type FormEvent } from 'react';
import type { GridCheck } from '../../../../shared/grid/checks';
import type { ColumnPassRate } from '../../../../shared/grid/pass-rates';
import type { ResultsReview } from './use-results-review';

type Kind = GridCheck['kind'];

const KINDS: { kind: Kind; label: string }[] = [
  { kind: 'contains', label: 'contains' },
  { kind: 'not-contains', label: 'does not contain' },
  { kind: 'regex', label: 'matches regex' },
  { kind: 'max-length', label: 'maximum length' },
  { kind: 'valid-json', label: 'is valid JSON' },
  { kind: 'equals-expected', label: 'equals "expected"' },
];

/** The check a form's fields describe (validated by compileCheck, not here). */
const checkOf = (kind: Kind, value: string): unknown => {
  switch (kind) {
    case 'contains':
    case 'not-contains':
      return { kind, text: value };
    case 'regex': {
      // "/pattern/flags" or a bare pattern.
      const m = /^\/(.*)\/([a-z]*)$/s.exec(value);
      return m ? { kind, pattern: m[1], flags: m[2] } : { kind, pattern: value };
    }
    case 'max-length':
      return { kind, chars: Number(value) };
    case 'valid-json':
      return { kind };
    case 'equals-expected':
      return { kind, trim: true };
  }
};

const needsValue = (kind: Kind) => kind !== 'valid-json' && kind !== 'equals-expected';

/** The grid's checks: add one (kind and value), remove one, and each column's pass rate. */
export function ChecksEditor({
  review,
  rates,
  labelOf,
}: {
  review: ResultsReview;
  rates: readonly ColumnPassRate[];
  labelOf: (columnId: string) => string;
}) {
  const [kind, setKind] = useState<Kind>('contains');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const message =
      needsValue(kind) && value.trim() === ''
        ? 'Enter the text, pattern or number of characters for this check.'
        : review.addCheck(checkOf(kind, value));
    setError(message);
    if (!message) setValue('');
  };
  return (
    <div className="results-checks" role="group" aria-label="Checks">
      <form className="results-check-form" onSubmit={submit}>
        <select
          className="select"
          aria-label="Check kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as Kind)}
        >
          {KINDS.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </select>
        {needsValue(kind) ? (
          <input
            className="text-input"
            aria-label="Check value"
            inputMode={kind === 'max-length' ? 'numeric' : undefined}
            placeholder={kind === 'regex' ? '/pattern/i' : kind === 'max-length' ? 'characters' : 'text'}
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        ) : null}
        <button type="submit" className="button button-small">
          Add check
        </button>
      </form>
      {error ? (
        <p className="form-message" role="alert">
          {error}
        </p>
      ) : null}
      {review.checks.length > 0 ? (
        <>
          <ul className="results-check-list" aria-label="Checks of this grid">
            {review.checks.map((c, i) => (
              <li key={c.label}>
                {c.label}{' '}
                <button
                  type="button"
                  className="link-button"
                  aria-label={`Remove check ${c.label}`}
                  onClick={() => review.removeCheck(i)}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
          <ul className="results-pass-rates" aria-label="Pass rate per column">
            {rates.map((r) => (
              <li key={r.columnId}>
                {labelOf(r.columnId)}:{' '}
                {r.rate === undefined
                  ? 'nothing checked yet'
                  : `${r.passed}/${r.evaluated} passed (${Math.round(r.rate * 100)}%)`}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
