import { useEffect, useRef } from 'react';
import { useDraftSelector } from '../../state/draft-store';
import { reportKey, useServerActions, useServerSelector } from '../../state/server-store';
import { useSettings } from '../../state/settings-store';
import { useActiveReport } from './param-badge';

/** The model name must rest this long before it is checked, so a name being typed is not. */
export const AUTO_CHECK_DELAY_MS = 1500;

/**
 * Checks the active profile + model by itself, once per page, when main's plan allows it: only loopback/private
 * servers and local models. A remote endpoint may bill every request, so it is checked only when asked.
 */
export function AutoCheck() {
  const server = useServerActions();
  const profileId = useSettings()?.activeProfileId;
  const model = useDraftSelector((s) => s.draft.params.model.trim());
  const plan = useServerSelector((s) => (profileId ? s.plans[profileId] : undefined));
  const hasReport = useActiveReport() !== undefined;
  const tried = useRef(new Set<string>());

  useEffect(() => {
    if (profileId) void server.plan(profileId);
  }, [server, profileId]);

  useEffect(() => {
    if (!profileId || !model || hasReport || !plan?.automatic) return;
    const key = reportKey(profileId, model);
    if (tried.current.has(key)) return;
    const timer = setTimeout(() => {
      tried.current.add(key);
      void server.check(profileId, model);
    }, AUTO_CHECK_DELAY_MS);
    return () => clearTimeout(timer);
  }, [server, profileId, model, hasReport, plan?.automatic]);
  return null;
}
