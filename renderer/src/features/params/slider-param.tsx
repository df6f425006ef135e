import { useState } from 'react';
import type { NumericRow } from '../../../../shared/param-kinds';
import type { SpecOf } from '../../../../shared/params';
import { NumberField } from './number-field';
import { ParamRow } from './param-row';
import { useNumericRow } from './use-numeric-row';

/** Props shared by the controls of one numeric parameter. */
export interface NumericParamProps {
  spec: SpecOf<NumericRow>;
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  /** A rule between parameters explained under this one (shown when there is no clamp note). */
  warning?: string | undefined;
}

/**
 * A slider plus a numeric input. The slider is named exactly by the label (role slider "Temperature"), the number
 * input "<label> value". The slider commits on release, key up or blur, so dragging sends one change, not hundreds;
 * meanwhile the number input follows the thumb, so the value is readable while dragging.
 */
export function SliderParam(props: NumericParamProps) {
  const { spec, value, onChange } = props;
  const { id, setNote, rowProps } = useNumericRow(props);
  const [pending, setPending] = useState<number | null>(null);
  const shown = pending ?? value ?? spec.default;

  const commit = () => {
    if (pending === null) return;
    setPending(null);
    setNote(undefined);
    if (pending !== value) onChange(pending);
  };

  return (
    <ParamRow {...rowProps}>
      <div className="slider-pair">
        <input
          id={id}
          type="range"
          className="slider"
          min={spec.min}
          max={spec.max}
          step={spec.step}
          value={shown}
          aria-valuetext={value === undefined && pending === null ? 'not set' : String(shown)}
          title={`${spec.help} (arrow keys step)`}
          onChange={(e) => setPending(Number(e.target.value))}
          onPointerUp={commit}
          onKeyUp={commit}
          onBlur={commit}
        />
        <NumberField
          spec={spec}
          value={pending ?? value}
          ariaLabel={`${spec.label} value`}
          placeholder="—"
          onCommit={onChange}
          onNote={setNote}
        />
      </div>
    </ParamRow>
  );
}
