import { NumberField } from './number-field';
import { ParamRow } from './param-row';
import type { NumericParamProps } from './slider-param';
import { useNumericRow } from './use-numeric-row';

/** A numeric input parameter (max_tokens, n, best_of): a spinbutton named exactly by its label. */
export function NumberParam(props: NumericParamProps) {
  const { spec, value, onChange } = props;
  const { id, setNote, rowProps } = useNumericRow(props);
  return (
    <ParamRow {...rowProps}>
      <NumberField id={id} spec={spec} value={value} onCommit={onChange} onNote={setNote} />
    </ParamRow>
  );
}

/** A random seed within the safe 32-bit range most servers accept. */
export const randomSeed = (): number => {
  const buf = new Uint32Array(1);
  crypto.getRandomValues(buf);
  return (buf[0] ?? 0) % 2_147_483_647;
};

/** The seed: a number input plus a "Random seed" button. */
export function SeedParam(props: NumericParamProps) {
  const { spec, value, onChange } = props;
  const { id, setNote, rowProps } = useNumericRow(props);
  return (
    <ParamRow {...rowProps}>
      <div className="field-with-button">
        <NumberField id={id} spec={spec} value={value} onCommit={onChange} onNote={setNote} />
        <button
          type="button"
          className="button button-small"
          onClick={() => {
            setNote(undefined);
            onChange(randomSeed());
          }}
          title="Pick a random seed"
        >
          Random seed
        </button>
      </div>
    </ParamRow>
  );
}
