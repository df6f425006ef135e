import { useEffect, useState } from 'react';

/** Pane sizes in px: the parameter sidebar's width and the prompt's height. */
export interface PaneSizes {
  sideWidth: number;
  promptHeight: number;
}

const KEY = 'r9s.panes';
// Defaults scale with the window so 1024×700 leaves the output room to breathe.
const DEFAULTS: PaneSizes =
  typeof window === 'undefined'
    ? { sideWidth: 340, promptHeight: 260 }
    : {
        sideWidth: window.innerWidth < 1200 ? 300 : 340,
        promptHeight: Math.round(Math.min(300, Math.max(140, window.innerHeight * 0.3))),
      };

const read = (): PaneSizes => {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(KEY) ?? 'null');
    if (typeof raw !== 'object' || raw === null) return DEFAULTS;
    const { sideWidth, promptHeight } = raw as Record<string, unknown>;
    return {
      sideWidth: typeof sideWidth === 'number' && Number.isFinite(sideWidth) ? sideWidth : DEFAULTS.sideWidth,
      promptHeight:
        typeof promptHeight === 'number' && Number.isFinite(promptHeight)
          ? promptHeight
          : DEFAULTS.promptHeight,
    };
  } catch {
    return DEFAULTS;
  }
};

/** Pane sizes remembered in localStorage (a layout preference, not a setting worth a round trip). */
export function usePaneSizes(): [PaneSizes, (patch: Partial<PaneSizes>) => void] {
  const [sizes, setSizes] = useState(read);
  useEffect(() => {
    try {
      localStorage.setItem(KEY, JSON.stringify(sizes));
    } catch {
      // Storage may be unavailable (private mode); sizes then last for this page only.
    }
  }, [sizes]);
  return [sizes, (patch) => setSizes((s) => ({ ...s, ...patch }))];
}
