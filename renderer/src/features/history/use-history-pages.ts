import { useCallback, useEffect, useRef, useState } from 'react';
import type { HistorySummary, PlaygroundApi } from '../../../../shared/api';

/** Rows fetched per request; the list asks for the pages its visible rows fall in. */
export const HISTORY_PAGE_SIZE = 200;

/** A sparse view of the history list: the total and the rows fetched so far. */
export interface HistoryPages {
  total: number;
  rowAt: (index: number) => HistorySummary | undefined;
  /** Fetches the pages covering rows [first, last] that are not there yet. */
  ensure: (first: number, last: number) => void;
  /** Replaces one row (after star) without refetching. */
  patch: (summary: HistorySummary) => void;
  reload: () => void;
  error?: string;
  isLoading: boolean;
}

/** Pages through api.listHistory for the given search; a new search or reload starts over. */
export function useHistoryPages(api: PlaygroundApi, search: string, isStarredOnly: boolean): HistoryPages {
  const [pages, setPages] = useState<Map<number, HistorySummary[]>>(new Map());
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string>();
  const [isLoading, setIsLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  /** One listing session per search; answers for an older session are dropped. */
  const session = useRef({ requested: new Set<number>() });

  const fetchPage = useCallback(
    (page: number) => {
      const current = session.current;
      current.requested.add(page);
      const query = {
        offset: page * HISTORY_PAGE_SIZE,
        limit: HISTORY_PAGE_SIZE,
        ...(search.trim() ? { search: search.trim() } : {}),
        ...(isStarredOnly ? { starred: true } : {}),
      };
      void api.listHistory(query).then((res) => {
        if (current !== session.current) return;
        setIsLoading(false);
        if (!res.ok) return setError(res.error.message);
        setError(undefined);
        setTotal(res.value.total);
        setPages((prev) => new Map(prev).set(page, res.value.items));
      });
    },
    [api, search, isStarredOnly],
  );

  useEffect(() => {
    session.current = { requested: new Set() };
    fetchPage(0);
  }, [fetchPage, generation]);

  const ensure = useCallback(
    (first: number, last: number) => {
      for (let p = Math.floor(first / HISTORY_PAGE_SIZE); p <= Math.floor(last / HISTORY_PAGE_SIZE); p++) {
        if (!session.current.requested.has(p)) fetchPage(p);
      }
    },
    [fetchPage],
  );

  return {
    total,
    error,
    isLoading,
    rowAt: (i) => pages.get(Math.floor(i / HISTORY_PAGE_SIZE))?.[i % HISTORY_PAGE_SIZE],
    ensure,
    patch: (summary) =>
      setPages((prev) => {
        const next = new Map(prev);
        for (const [k, list] of next)
          next.set(
            k,
            list.map((s) => (s.id === summary.id ? summary : s)),
          );
        return next;
      }),
    reload: () => {
      setPages(new Map());
      setGeneration((g) => g + 1);
    },
  };
}
