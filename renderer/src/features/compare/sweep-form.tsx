import { useState, type FormEvent } from 'react';
import { paramSpec, type OptionalParamKey } from '../../../../shared/params';
import type { Setup } from '../../../../shared/param-diff';
import {
  buildSweep,
  parseSweepValues,
  SWEEPABLE_PARAMS,
  type SweepAxis,
  type SweepColumn,
} from '../../../../shared/sweep';

/** Props of the sweep form. */
interface SweepFormProps {
  base: Setup;
  onFill: (columns: SweepColumn[]) => void;
}

interface AxisInput {
  param: OptionalParamKey | '';
  values: string;
}

/** Fills the compare columns from a parameter grid (e.g. temperature 0.2..1.0 step 0.4 × top_p 0.9, 1), fixed seed. */
export function SweepForm({ base, onFill }: SweepFormProps) {
  const [axes, setAxes] = useState<AxisInput[]>([
    { param: 'temperature', values: '0.2..1.0 step 0.4' },
    { param: '', values: '' },
  ]);
  const [seed, setSeed] = useState(String(base.params.seed ?? 42));
  const [error, setError] = useState<string>();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed: SweepAxis[] = [];
    for (const axis of axes) {
      if (!axis.param) continue;
      const values = parseSweepValues(axis.values);
      if (!values.ok) return setError(`${paramSpec(axis.param).label}: ${values.error.message}`);
      parsed.push({ param: axis.param, values: values.value });
    }
    const res = buildSweep(base, parsed, Number(seed));
    if (!res.ok) return setError(res.error.message);
    setError(undefined);
    onFill(res.value);
  };

  const setAxis = (i: number, patch: Partial<AxisInput>) =>
    setAxes((list) => list.map((a, k) => (k === i ? { ...a, ...patch } : a)));

  return (
    <form className="sweep-form" onSubmit={submit} aria-label="Parameter sweep">
      {axes.map((axis, i) => (
        <div key={i} className="sweep-axis">
          <select
            className="select"
            aria-label={`Sweep parameter ${i + 1}`}
            value={axis.param}
            onChange={(e) => setAxis(i, { param: e.target.value as OptionalParamKey | '' })}
          >
            <option value="">{i === 0 ? 'Choose…' : 'None'}</option>
            {SWEEPABLE_PARAMS.map((w) => (
              <option key={w} value={w}>
                {paramSpec(w).label}
              </option>
            ))}
          </select>
          <input
            className="text-input"
            aria-label={`Sweep values ${i + 1}`}
            placeholder="0.2..1.0 step 0.4  or  0.9, 1"
            value={axis.values}
            onChange={(e) => setAxis(i, { values: e.target.value })}
          />
        </div>
      ))}
      <label className="form-field sweep-seed">
        Seed
        <input
          className="text-input"
          inputMode="numeric"
          value={seed}
          onChange={(e) => setSeed(e.target.value)}
        />
      </label>
      <button type="submit" className="button">
        Fill columns
      </button>
      {error ? (
        <p className="form-message" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
