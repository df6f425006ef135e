import { useEffect, useState } from 'react';

/** The wall-clock time, refreshed every `intervalMs` while `isTicking`. */
export function useNow(isTicking: boolean, intervalMs = 100): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!isTicking) return;
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [isTicking, intervalMs]);
  return now;
}
