/**
 * The shapes a row of the parameter table (params.ts) can take, one per kind of value. A kind fixes the value's type
 * and which limits the row must give, so a row that forgets a limit fails to compile.
 */

/** How a parameter is edited and validated; it also fixes the value's type (ParamValueOfKind). */
export type ParamKind = 'number' | 'integer' | 'boolean' | 'string' | 'stop' | 'logit_bias';

/** The TypeScript type of a value of each kind. */
export interface ParamValueOfKind {
  number: number;
  integer: number;
  boolean: boolean;
  string: string;
  stop: string[];
  logit_bias: Record<string, number>;
}

/** The control the UI draws for it. */
export type ParamControl = 'slider' | 'number' | 'switch' | 'text' | 'chips' | 'bias-table' | 'seed';

/** What every row has. */
interface RowBase {
  /** Accessible name of the control (tests and screen readers use it). */
  readonly label: string;
  /** One line shown under the control and in tooltips. */
  readonly help: string;
  /** Set (to `default`) in a new user's starting setup; otherwise a new setup leaves it "not set". */
  readonly isInitiallySet?: true;
  /** False for a parameter outside the r9s request schema: the r9s SDK cannot take it as an argument. */
  readonly isInR9sSchema?: false;
}

/** Rows without a numeric range; declared so that `spec.min` reads as undefined on any row. */
interface NoRange {
  readonly min?: undefined;
  readonly max?: undefined;
  readonly step?: undefined;
}

/** A number (kind `number`) or a whole number (kind `integer`) within [min, max]. */
export interface NumericRow extends RowBase {
  readonly kind: 'number' | 'integer';
  readonly control: 'slider' | 'number' | 'seed';
  readonly min: number;
  readonly max: number;
  readonly step: number;
  /** The value the control starts from when the user switches the parameter from "not set" to set. */
  readonly default: number;
}

/** An on/off parameter. */
export interface BooleanRow extends RowBase, NoRange {
  readonly kind: 'boolean';
  readonly control: 'switch';
  readonly default: boolean;
}

/** A free-text parameter. */
export interface TextRow extends RowBase, NoRange {
  readonly kind: 'string';
  readonly control: 'text';
  readonly maxLength: number;
  readonly default: string;
}

/** A list of stop sequences. */
export interface StopRow extends RowBase, NoRange {
  readonly kind: 'stop';
  readonly control: 'chips';
  readonly maxItems: number;
  readonly maxItemLength: number;
  readonly default: readonly string[];
}

/** Token id → bias; min/max/step bound each bias. */
export interface LogitBiasRow extends RowBase {
  readonly kind: 'logit_bias';
  readonly control: 'bias-table';
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly maxEntries: number;
  readonly default: Readonly<Record<string, number>>;
}

/** One row of the parameter table. */
export type ParamRow = NumericRow | BooleanRow | TextRow | StopRow | LogitBiasRow;
