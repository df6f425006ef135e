import { useId, useState } from 'react';
import type { NumericParamProps } from './slider-param';

/** What every numeric parameter row shares: its control id, the clamp note, and Set/Unset wiring for ParamRow. */
export function useNumericRow({ spec, value, onChange }: NumericParamProps) {
  const id = useId();
  const [note, setNote] = useState<string | undefined>();
  const rowProps = {
    spec,
    controlId: id,
    isSet: value !== undefined,
    onSet: () => onChange(Number(spec.default)),
    onUnset: () => {
      setNote(undefined);
      onChange(undefined);
    },
  };
  return { id, note, setNote, rowProps };
}
