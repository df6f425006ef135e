import { useSettings } from '../../state/settings-store';
import { LocalLoadProgress } from '../settings/local-load-progress';
import { useLocalModelLoad } from '../settings/use-local-model';

/**
 * Above the main output while its run waits for the active local profile's model to load: the load's progress with
 * Cancel (which ends the run cancelled). Polls only while a run of a local profile is active.
 */
export function LocalRunLoad({ isRunActive }: { isRunActive: boolean }) {
  const settings = useSettings();
  const profile = settings?.profiles.find((p) => p.id === settings.activeProfileId);
  const profileId = isRunActive && profile?.kind === 'local' ? profile.id : undefined;
  const load = useLocalModelLoad(profileId, profileId !== undefined);
  if (!profileId || load.status?.state !== 'loading') return null;
  return <LocalLoadProgress status={load.status} onCancel={load.cancel} />;
}
