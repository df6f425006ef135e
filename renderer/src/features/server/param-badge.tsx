import { CHECKED_PARAMS, type CheckedParam } from '../../../../shared/capabilities';
import { describeParamCheck } from '../../../../shared/capability-rejections';
import { useDraftSelector } from '../../state/draft-store';
import { useReport } from '../../state/server-store';
import { useSettings } from '../../state/settings-store';
import { STATUS_TEXT } from './status-text';

const isChecked = (wire: string): wire is CheckedParam =>
  (CHECKED_PARAMS as readonly string[]).includes(wire);

/** The active profile + model's report, as the parameter panel reads it. */
export function useActiveReport() {
  const profileId = useSettings()?.activeProfileId;
  const model = useDraftSelector((s) => s.draft.params.model.trim());
  return useReport(profileId, model);
}

/**
 * A parameter's status from the last check of the active profile + model, with the reason in its tooltip
 * ("rejected by this server: HTTP 500 'Unsupported param: echo'"). Nothing before a check.
 */
export function CapabilityBadge({ param }: { param: string }) {
  const report = useActiveReport();
  if (!report || !isChecked(param)) return null;
  const check = report.params[param];
  const reason = describeParamCheck(check);
  return (
    <span className={`badge cap-badge cap-${check.status}`} title={reason} aria-label={`${param}: ${reason}`}>
      {STATUS_TEXT[check.status]}
    </span>
  );
}
