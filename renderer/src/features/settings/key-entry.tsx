import { useEffect, useId, useState } from 'react';
import type { KeyStatus } from '../../../../shared/api';
import { useApi } from '../../api/api-context';

/** How each kind of storage reads after "Key ending in …abcd, ". */
const STORAGE_TEXT: Record<KeyStatus['storage'], string> = {
  'os-encrypted': 'stored encrypted',
  session: 'kept for this session only',
  environment: 'read from the environment (R9S_API_KEY)',
  none: 'not stored',
};

/** Where the key lives, in a plain sentence, with the session-only warning. */
export function KeyStatusLine({ status }: { status: KeyStatus }) {
  if (!status.configured) return <p className="key-status">No key set for this profile.</p>;
  return (
    <div className="key-status">
      <p>
        Key ending in <code>…{status.last4 ?? '????'}</code>, {STORAGE_TEXT[status.storage]}
      </p>
      {status.storage === 'session' ? (
        <p className="param-note param-note-warn" role="status">
          This key is kept only until the app closes
          {status.sessionOnlyReason ? `: ${status.sessionOnlyReason}` : ' (no OS encryption is available).'}
        </p>
      ) : null}
    </div>
  );
}

/**
 * Key entry for one profile: a password field that is write-only (docs/architecture.md#write-only-key: there is no
 * getter, the field is cleared after saving), the storage status, and the origin-change confirmation.
 */
export function KeyEntry({ profileId }: { profileId: string }) {
  const api = useApi();
  const id = useId();
  const [status, setStatus] = useState<KeyStatus | undefined>();
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    let isCurrent = true;
    void api.getKeyStatus(profileId).then((res) => {
      if (!isCurrent) return;
      if (res.ok) setStatus(res.value);
      else setError(res.error.message);
    });
    return () => {
      isCurrent = false;
    };
  }, [api, profileId]);

  const apply = async (
    call: Promise<{ ok: true; value: KeyStatus } | { ok: false; error: { message: string } }>,
  ) => {
    const res = await call;
    if (res.ok) {
      setStatus(res.value);
      setError(undefined);
      setKey('');
    } else {
      setError(res.error.message);
    }
  };

  return (
    <div className="key-entry">
      {status ? <KeyStatusLine status={status} /> : null}
      {status?.originMismatch ? (
        <div className="banner banner-warn" role="alert">
          <span className="banner-text">
            The base URL moved from {status.originMismatch.keyOrigin} to {status.originMismatch.profileOrigin}
            ; the key is not sent there until you confirm.
          </span>
          <button
            type="button"
            className="button button-small"
            onClick={() => void apply(api.confirmKeyOrigin(profileId))}
          >
            Send key to new origin
          </button>
        </div>
      ) : null}
      <form
        className="key-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (key.trim() !== '') void apply(api.setApiKey(profileId, key.trim()));
        }}
      >
        <label htmlFor={id}>API key</label>
        <input
          id={id}
          type="password"
          className="text-input"
          autoComplete="off"
          spellCheck={false}
          value={key}
          placeholder={status?.configured ? 'Enter a new key to replace it' : 'sk-…'}
          onChange={(e) => setKey(e.target.value)}
        />
        <button type="submit" className="button button-primary" disabled={key.trim() === ''}>
          Save key
        </button>
        <button
          type="button"
          className="button"
          disabled={!status?.configured || status.storage === 'environment'}
          onClick={() => void apply(api.clearApiKey(profileId))}
        >
          Clear key
        </button>
      </form>
      {error ? (
        <p className="form-message is-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
