import { useCallback } from 'react';
import { effectiveStream, paramNote } from '../../../../shared/param-rules';
import { PARAM_SPECS, type OptionalParams, type ParamSpec } from '../../../../shared/params';
import { useDraftActions, useDraftSelector } from '../../state/draft-store';
import { PanelCheck } from '../server/panel-check';
import { ExtraBodyEditor } from './extra-body-editor';
import { LogitBiasEditor } from './logit-bias-editor';
import { NumberParam, SeedParam } from './number-param';
import { EchoSwitch, StreamSwitch, UserParam } from './simple-params';
import { SliderParam } from './slider-param';
import { StopChips } from './stop-chips';

/** One control, chosen by the spec's `control`; it reads only its own value, so prompt typing skips it. */
function ParamControl({ spec }: { spec: ParamSpec }) {
  const value = useDraftSelector((s) => s.draft.params[spec.wire]);
  // A rule between parameters (best_of ≥ n, best_of turning stream off) explained under the one it names.
  const warning = useDraftSelector((s) => paramNote(s.draft.params, spec.wire));
  const { patchParams, setFieldError } = useDraftActions();
  const set = (v: OptionalParams[typeof spec.wire]) => patchParams({ [spec.wire]: v });
  const onValidity = useCallback(
    (error: string | undefined) => setFieldError(spec.wire, error),
    [setFieldError, spec.wire],
  );
  const num = typeof value === 'number' ? value : undefined;
  switch (spec.control) {
    case 'slider':
      return <SliderParam spec={spec} value={num} onChange={set} warning={warning} />;
    case 'number':
      return <NumberParam spec={spec} value={num} onChange={set} warning={warning} />;
    case 'seed':
      return <SeedParam spec={spec} value={num} onChange={set} warning={warning} />;
    case 'chips':
      return <StopChips spec={spec} value={Array.isArray(value) ? value : undefined} onChange={set} />;
    case 'bias-table':
      return (
        <LogitBiasEditor
          spec={spec}
          value={typeof value === 'object' && !Array.isArray(value) ? value : undefined}
          onChange={set}
          onValidity={onValidity}
        />
      );
    case 'switch':
      return <EchoSwitch spec={spec} value={typeof value === 'boolean' ? value : undefined} onChange={set} />;
    case 'text':
      return <UserParam spec={spec} value={typeof value === 'string' ? value : undefined} onChange={set} />;
  }
}

function StreamControl() {
  const stream = useDraftSelector((s) => s.draft.params.stream);
  const isForcedOff = useDraftSelector((s) => !effectiveStream(s.draft.params));
  const { patchParams } = useDraftActions();
  return (
    <StreamSwitch value={stream} isForcedOff={isForcedOff} onChange={(v) => patchParams({ stream: v })} />
  );
}

function ExtraBodyControl() {
  const extra = useDraftSelector((s) => s.draft.extraBody);
  const { setExtraBody, setFieldError } = useDraftActions();
  const onValidity = useCallback(
    (error: string | undefined) => setFieldError('extra_body', error),
    [setFieldError],
  );
  return <ExtraBodyEditor value={extra} onChange={setExtraBody} onValidity={onValidity} />;
}

const SAMPLING = PARAM_SPECS.filter((s) => s.control === 'slider');
const LENGTH = PARAM_SPECS.filter((s) => s.control === 'number' || s.control === 'seed');
const OTHER = PARAM_SPECS.filter((s) => !SAMPLING.includes(s) && !LENGTH.includes(s));

/** The parameter panel, generated from PARAM_SPECS (the one parameter table) plus stream and extra body. */
export function ParamPanel() {
  return (
    <div className="param-panel">
      <h2 className="panel-title">Parameters</h2>
      <p className="panel-hint">Unset parameters are not sent; the server uses its own defaults.</p>
      <PanelCheck />
      <section className="param-group" aria-labelledby="pg-sampling">
        <h3 id="pg-sampling">Sampling</h3>
        {SAMPLING.map((spec) => (
          <ParamControl key={spec.wire} spec={spec} />
        ))}
      </section>
      <section className="param-group" aria-labelledby="pg-length">
        <h3 id="pg-length">Length and choices</h3>
        <StreamControl />
        {LENGTH.map((spec) => (
          <ParamControl key={spec.wire} spec={spec} />
        ))}
      </section>
      <section className="param-group" aria-labelledby="pg-other">
        <h3 id="pg-other">Output control</h3>
        {OTHER.map((spec) => (
          <ParamControl key={spec.wire} spec={spec} />
        ))}
        <ExtraBodyControl />
      </section>
    </div>
  );
}
