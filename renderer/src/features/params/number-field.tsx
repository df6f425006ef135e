import { useState, type KeyboardEvent } from 'react';
import type { NumericRow } from '../../../../shared/param-kinds';
import { clampToSpec, type SpecOf } from '../../../../shared/params';

/** The outcome of reading what the user typed into a number field. */
export type NumberParse =
  { kind: 'empty' } | { kind: 'invalid' } | { kind: 'value'; value: number; note?: string };

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : String(Number(n.toFixed(6))));

/** Parses and clamps typed text against a spec; a clamped value carries a note saying what happened. */
export function parseNumberInput(spec: SpecOf<NumericRow>, text: string): NumberParse {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'empty' };
  const n = Number(trimmed);
  if (!Number.isFinite(n)) return { kind: 'invalid' };
  const { value, clamped } = clampToSpec(spec, n);
  if (!clamped) return { kind: 'value', value };
  const range = `${fmt(spec.min)} to ${fmt(spec.max)}`;
  const why =
    spec.kind === 'integer' && Number.isInteger(value) && n !== Math.round(n) ? 'whole numbers' : range;
  return { kind: 'value', value, note: `${fmt(n)} was clamped to ${fmt(value)} (allowed: ${why}).` };
}

/** Props of a number input bound to one parameter. */
interface NumberFieldProps {
  id?: string;
  spec: SpecOf<NumericRow>;
  value: number | undefined;
  /** Accessible name; the visible label names it when omitted. */
  ariaLabel?: string;
  onCommit: (value: number | undefined) => void;
  onNote: (note: string | undefined) => void;
  className?: string;
  placeholder?: string;
}

/**
 * A numeric input that commits on blur or Enter: empty means "not set", out-of-range values are clamped with a
 * note. Arrow keys step natively. While focused, what the user types is kept as typed.
 */
export function NumberField({
  id,
  spec,
  value,
  ariaLabel,
  onCommit,
  onNote,
  className,
  placeholder,
}: NumberFieldProps) {
  const [text, setText] = useState<string | null>(null);
  const shown = text ?? (value === undefined ? '' : fmt(value));

  const commit = () => {
    if (text === null) return;
    const parsed = parseNumberInput(spec, text);
    setText(null);
    if (parsed.kind === 'invalid') {
      onNote(`“${text}” is not a number; kept the previous value.`);
      return;
    }
    if (parsed.kind === 'empty') {
      onNote(undefined);
      onCommit(undefined);
      return;
    }
    onNote(parsed.note);
    onCommit(parsed.value);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') commit();
    else if (e.key === 'Escape' && text !== null) {
      e.preventDefault();
      e.stopPropagation();
      setText(null);
    }
  };

  return (
    <input
      id={id}
      className={className ?? 'number-input'}
      type="number"
      inputMode="decimal"
      step={spec.step}
      min={spec.min}
      max={spec.max}
      aria-label={ariaLabel}
      placeholder={placeholder ?? `not set (${fmt(spec.default)})`}
      value={shown}
      title={spec.help}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={onKeyDown}
    />
  );
}
