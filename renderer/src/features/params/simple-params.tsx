import { useId } from 'react';
import type { BooleanRow, TextRow } from '../../../../shared/param-kinds';
import type { SpecOf } from '../../../../shared/params';
import { ParamRow } from './param-row';

/** The echo switch (role switch "Echo"); unset is drawn off and marked "not set". */
export function EchoSwitch({
  spec,
  value,
  onChange,
}: {
  spec: SpecOf<BooleanRow>;
  value: boolean | undefined;
  onChange: (value: boolean | undefined) => void;
}) {
  const id = useId();
  return (
    <ParamRow
      spec={spec}
      controlId={id}
      isSet={value !== undefined}
      onSet={() => onChange(true)}
      onUnset={() => onChange(undefined)}
    >
      <div className="switch-line" title={spec.help}>
        <input
          id={id}
          type="checkbox"
          role="switch"
          className="switch"
          checked={value === true}
          onChange={(e) => onChange(e.target.checked)}
        />
        <span className="switch-state" aria-hidden="true">
          {value === undefined ? 'not sent' : value ? 'on' : 'off'}
        </span>
      </div>
    </ParamRow>
  );
}

/** The user id field (textbox "User"); empty is "not set". */
export function UserParam({
  spec,
  value,
  onChange,
}: {
  spec: SpecOf<TextRow>;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
}) {
  const id = useId();
  return (
    <ParamRow
      spec={spec}
      controlId={id}
      isSet={value !== undefined}
      onSet={() => onChange('')}
      onUnset={() => onChange(undefined)}
    >
      <input
        id={id}
        className="text-input"
        value={value ?? ''}
        maxLength={spec.maxLength}
        placeholder="not set"
        title={spec.help}
        onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
      />
    </ParamRow>
  );
}

/** The stream switch; stream is always sent, and best_of > 1 turns it off (explained under Best of). */
export function StreamSwitch({
  value,
  onChange,
  isForcedOff,
}: {
  value: boolean;
  onChange: (v: boolean) => void;
  isForcedOff: boolean;
}) {
  return (
    <div className="param" data-param="stream">
      <label className="switch-line" title="Stream tokens as they are generated (server-sent events).">
        <input
          type="checkbox"
          role="switch"
          className="switch"
          checked={value}
          onChange={(e) => onChange(e.target.checked)}
        />
        <span>Stream</span>
      </label>
      {isForcedOff && value ? <span className="badge badge-warn">off: best of &gt; 1</span> : null}
    </div>
  );
}
