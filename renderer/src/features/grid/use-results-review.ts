import { useCallback, useMemo, useState } from 'react';
import { compileCheck, type CompiledCheck } from '../../../../shared/grid/checks';
import type { CellRating } from '../../../../shared/grid/grid-report';

/** Most checks on one grid (a results line holds at most 100 check results). */
export const MAX_CHECKS = 20;

/** The results feature's own state of a grid: its checks and the user's ratings per cell key. */
export interface ResultsReview {
  checks: readonly CompiledCheck[];
  /** Adds a check; the error message when it is invalid (a bad or dangerous regex, an empty text). */
  addCheck: (input: unknown) => string | undefined;
  removeCheck: (index: number) => void;
  ratings: ReadonlyMap<string, CellRating>;
  /** Sets a cell's verdict (undefined clears the rating, note included). */
  rate: (key: string, verdict: CellRating['verdict'] | undefined) => void;
  /** Sets a rated cell's note. */
  setNote: (key: string, note: string) => void;
}

/** Checks and ratings of one results grid, held while it is shown. */
export function useResultsReview(): ResultsReview {
  const [checks, setChecks] = useState<readonly CompiledCheck[]>([]);
  const [ratings, setRatings] = useState<ReadonlyMap<string, CellRating>>(new Map());
  const addCheck = useCallback(
    (input: unknown) => {
      if (checks.length >= MAX_CHECKS) return `A grid has at most ${MAX_CHECKS} checks.`;
      const compiled = compileCheck(input);
      if (!compiled.ok) return compiled.error.message;
      if (checks.some((c) => c.label === compiled.value.label))
        return `"${compiled.value.label}" is already a check.`;
      setChecks([...checks, compiled.value]);
      return undefined;
    },
    [checks],
  );
  const removeCheck = useCallback(
    (index: number) => setChecks((list) => list.filter((_, i) => i !== index)),
    [],
  );
  const rate = useCallback((key: string, verdict: CellRating['verdict'] | undefined) => {
    setRatings((prev) => {
      const next = new Map(prev);
      if (verdict) next.set(key, { ...prev.get(key), verdict });
      else next.delete(key);
      return next;
    });
  }, []);
  const setNote = useCallback((key: string, note: string) => {
    setRatings((prev) => {
      const old = prev.get(key);
      if (!old) return prev;
      const next = new Map(prev);
      next.set(key, { verdict: old.verdict, ...(note ? { note: note.slice(0, 2000) } : {}) });
      return next;
    });
  }, []);
  return useMemo(
    () => ({ checks, addCheck, removeCheck, ratings, rate, setNote }),
    [checks, addCheck, removeCheck, ratings, rate, setNote],
  );
}
