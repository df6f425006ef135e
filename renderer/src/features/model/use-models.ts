import { useEffect, useState } from 'react';
import type { ModelInfo } from '../../../../shared/api';
import { useApi } from '../../api/api-context';

/** The model list of a profile, its loading state, and why loading failed (typing a name still works). */
export interface ModelsState {
  models: ModelInfo[];
  isLoading: boolean;
  error?: string;
}

/** Reads `GET /v1/models` of the profile; `reloadKey` changes to read again. */
export function useModels(profileId: string | undefined, reloadKey: number): ModelsState {
  const api = useApi();
  const [state, setState] = useState<ModelsState & { forKey: string }>({
    models: [],
    isLoading: false,
    forKey: '',
  });
  const key = `${profileId ?? ''}#${reloadKey}`;

  useEffect(() => {
    if (!profileId) return;
    let isCurrent = true;
    api
      .listModels(profileId)
      .then((res) => {
        if (!isCurrent) return;
        setState(
          res.ok
            ? { models: res.value, isLoading: false, forKey: key }
            : { models: [], isLoading: false, error: res.error.message, forKey: key },
        );
      })
      .catch((e: unknown) => {
        if (isCurrent) setState({ models: [], isLoading: false, error: String(e), forKey: key });
      });
    return () => {
      isCurrent = false;
    };
  }, [api, profileId, key]);

  return state.forKey === key ? state : { models: state.models, isLoading: profileId !== undefined };
}
