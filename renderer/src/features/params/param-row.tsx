import type { ReactNode } from 'react';
import type { ParamSpec } from '../../../../shared/params';
import { CapabilityBadge } from '../server/param-badge';

/** Props of the frame around one parameter control. */
interface ParamRowProps {
  spec: Pick<ParamSpec, 'label' | 'help' | 'wire'>;
  /** Id of the control the visible label names; omitted for a group that names itself. */
  controlId?: string;
  isSet: boolean;
  onSet: () => void;
  onUnset: () => void;
  /** A clamp note or a rule explained inline. */
  note?: ReactNode;
  noteTone?: 'info' | 'warn';
  children: ReactNode;
}

/**
 * Label, "not set" state and Set/Unset control of one optional parameter. An unset parameter is not sent at all;
 * the help text is the tooltip of the label.
 */
export function ParamRow({
  spec,
  controlId,
  isSet,
  onSet,
  onUnset,
  note,
  noteTone = 'info',
  children,
}: ParamRowProps) {
  return (
    <div className={isSet ? 'param' : 'param param-unset'} data-param={spec.wire}>
      <div className="param-head">
        {controlId ? (
          <label htmlFor={controlId} title={spec.help}>
            {spec.label}
          </label>
        ) : (
          <span className="param-label" title={spec.help}>
            {spec.label}
          </span>
        )}
        {isSet ? null : <span className="badge badge-muted">not set</span>}
        <CapabilityBadge param={spec.wire} />
        <button
          type="button"
          className="link-button"
          onClick={isSet ? onUnset : onSet}
          title={
            isSet ? `Unset: ${spec.wire} will not be sent` : `Set ${spec.wire} to its default and send it`
          }
        >
          {isSet ? 'Unset' : 'Set'} <span className="sr-only">{spec.label}</span>
        </button>
      </div>
      {children}
      {note ? (
        <p className={`param-note param-note-${noteTone}`} role="status">
          {note}
        </p>
      ) : null}
    </div>
  );
}
