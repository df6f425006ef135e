import { useEffect } from 'react';
import { reportKey, useServerActions, useServerSelector } from '../../state/server-store';

/**
 * "Check server" for one profile + model, with what it will send said before it starts (from main's plan: its
 * request count and token cost), the check under way, and why the last one failed. A finished check replaces the
 * stored report, so the same button refreshes it.
 */
export function CheckServerButton({ profileId, model }: { profileId: string; model: string }) {
  const server = useServerActions();
  const plan = useServerSelector((s) => s.plans[profileId]);
  const key = reportKey(profileId, model);
  const isChecking = useServerSelector((s) => s.checking[key] === true);
  const error = useServerSelector((s) => s.checkErrors[key]);
  const hasModel = model.trim() !== '';

  useEffect(() => {
    void server.plan(profileId);
  }, [server, profileId]);

  return (
    <div className="check-server">
      <button
        type="button"
        className="button button-small"
        disabled={isChecking || !hasModel}
        onClick={() => void server.check(profileId, model.trim())}
        title={
          hasModel ? `Check what the server does with each parameter for ${model}` : 'Enter a model first'
        }
      >
        Check server
      </button>
      <span className="check-plan">{isChecking ? 'Checking…' : plan ? `Sends ${plan.summary}.` : null}</span>
      {error ? (
        <p className="form-message is-error" role="alert">
          The check failed: {error}
        </p>
      ) : null}
    </div>
  );
}
