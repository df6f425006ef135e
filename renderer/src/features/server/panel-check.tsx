import { useDraftSelector } from '../../state/draft-store';
import { useSettings } from '../../state/settings-store';
import { CheckServerButton } from './check-server';
import { useActiveReport } from './param-badge';

/** The parameter panel's line about the server: when the shown statuses were checked, and "Check server". */
export function PanelCheck() {
  const profileId = useSettings()?.activeProfileId;
  const model = useDraftSelector((s) => s.draft.params.model);
  const report = useActiveReport();
  if (!profileId) return null;
  return (
    <div className="panel-check">
      <p className="panel-hint">
        {report
          ? `Statuses from the check of ${new Date(report.checkedAt).toLocaleString()}.`
          : 'Not checked: run a check to see what this server does with each parameter.'}
      </p>
      <CheckServerButton profileId={profileId} model={model} />
    </div>
  );
}
