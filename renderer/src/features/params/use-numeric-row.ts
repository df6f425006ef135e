import { useId, useState } from 'react';
import type { NumericParamProps } from './slider-param';

/**
 * What every numeric parameter row shares: its control id, the note (a clamp note, else the rule warning), and the
 * Set/Unset wiring for ParamRow.
 */
export function useNumericRow({ spec, value, onChange, warning }: NumericParamProps) {
  const id = useId();
  const [note, setNote] = useState<string | undefined>();
  const rowProps = {
    spec,
    controlId: id,
    isSet: value !== undefined,
    note: note ?? warning,
    noteTone: note ? ('info' as const) : ('warn' as const),
    onSet: () => onChange(spec.default),
    onUnset: () => {
      setNote(undefined);
      onChange(undefined);
    },
  };
  return { id, setNote, rowProps };
}
