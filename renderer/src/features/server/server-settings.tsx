import { useId, useState } from 'react';
import type { Profile } from '../../../../shared/api';
import { useDraftSelector } from '../../state/draft-store';
import { useReport } from '../../state/server-store';
import { useSettings } from '../../state/settings-store';
import { CheckServerButton } from './check-server';
import { PriceTableEditor } from './price-table-editor';
import { ServerReport } from './server-report';

/** Settings → the selected profile's server: its check for a model (run, shown, refreshed) and its price table. */
export function ServerSettings({ profile }: { profile: Profile }) {
  const settings = useSettings();
  const draftModel = useDraftSelector((s) => s.draft.params.model);
  const isActive = settings?.activeProfileId === profile.id;
  const [model, setModel] = useState(
    (isActive ? draftModel : undefined) || profile.defaultModel || settings?.lastModel || '',
  );
  const report = useReport(profile.id, model.trim());
  const id = useId();
  return (
    <section className="settings-section server-settings">
      <h3>Server check and prices</h3>
      <div className="field">
        <label htmlFor={id}>Model to check</label>
        <input id={id} value={model} onChange={(e) => setModel(e.target.value)} spellCheck={false} />
      </div>
      <CheckServerButton profileId={profile.id} model={model} />
      {report ? <ServerReport report={report} /> : <p className="hint">Not checked yet for this model.</p>}
      <PriceTableEditor key={`${profile.id}\n${model}`} profileId={profile.id} model={model.trim()} />
    </section>
  );
}
