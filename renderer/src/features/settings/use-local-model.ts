import { useCallback, useEffect, useState } from 'react';
import type { LocalEngineCheck, LocalModelStatus } from '../../../../shared/local-model';
import { useApi } from '../../api/api-context';

/**
 * How often the page asks how a load stands while one is under way. Polled, not pushed: run events and import
 * requests are the only pushed events (docs/architecture.md#invoke-and-push); a status is one tiny call.
 */
export const LOAD_POLL_MS = 250;

/** A local profile's model load as the page follows it. */
export interface LocalModelLoad {
  status?: LocalModelStatus;
  /** Why the last call about the load failed (not the load itself: that is in `status.error`). */
  error?: string;
  load: () => void;
  cancel: () => void;
}

/**
 * Reads the status of `profileId`'s model and keeps reading it every LOAD_POLL_MS while it is loading, or while
 * `watch` holds (a run that may start a load). `load` and `cancel` act and read again at once.
 */
export function useLocalModelLoad(profileId: string | undefined, watch = false): LocalModelLoad {
  const api = useApi();
  const [status, setStatus] = useState<LocalModelStatus>();
  const [error, setError] = useState<string>();
  // Bumped by load and cancel, to restart the polling loop with their answer.
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (!profileId) return;
    let isStopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const res = await api.localModelStatus(profileId);
      if (isStopped) return;
      if (res.ok) {
        setStatus(res.value);
        setError(undefined);
      } else setError(res.error.message);
      if (watch || (res.ok && res.value.state === 'loading'))
        timer = setTimeout(() => void poll(), LOAD_POLL_MS);
    };
    void poll();
    return () => {
      isStopped = true;
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [api, profileId, watch, generation]);

  const act = useCallback(
    async (call: (id: string) => ReturnType<typeof api.localModelStatus>) => {
      if (!profileId) return;
      const res = await call(profileId);
      if (res.ok) {
        setStatus(res.value);
        setError(undefined);
      } else setError(res.error.message);
      setGeneration((g) => g + 1);
    },
    [api, profileId],
  );

  return {
    ...(status ? { status } : {}),
    ...(error ? { error } : {}),
    load: () => void act((id) => api.loadLocalModel(id)),
    cancel: () => void act((id) => api.cancelLocalModelLoad(id)),
  };
}

/** What the page knows of the local engine: undefined while it is being checked. */
export function useLocalEngineCheck(): { check?: LocalEngineCheck; error?: string } {
  const api = useApi();
  const [state, setState] = useState<{ check?: LocalEngineCheck; error?: string }>({});
  useEffect(() => {
    let isStopped = false;
    void api.checkLocalEngine().then((res) => {
      if (!isStopped) setState(res.ok ? { check: res.value } : { error: res.error.message });
    });
    return () => {
      isStopped = true;
    };
  }, [api]);
  return state;
}
