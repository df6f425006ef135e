/**
 * Window size and position remembered across launches. Stored values are `unknown` until narrowed
 * (docs/architecture.md#validate-at-boundaries), and a position that is no longer on any display (a monitor was unplugged) is dropped.
 */
import type { JsonStore } from '../core/ports';

/** A rectangle in screen coordinates. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What is restored: a size, maybe a position, and whether the window was maximized. */
export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

/** The size of a first window. */
export const DEFAULT_BOUNDS: WindowBounds = { width: 1280, height: 820, maximized: false };

/** Smallest size the window may be restored to (and its minimum size). */
export const MIN_SIZE = { width: 720, height: 480 };

const KEY = 'bounds';

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** How much of `a` overlaps `b`, in square pixels. */
const overlap = (a: Rect, b: Rect) =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

/** Narrows stored bounds; keeps the position only if enough of the title bar is on a display. */
export function restoreBounds(raw: unknown, workAreas: readonly Rect[]): WindowBounds {
  if (typeof raw !== 'object' || raw === null) return { ...DEFAULT_BOUNDS };
  const { x, y, width, height, maximized } = raw as Record<string, unknown>;
  if (!isFiniteNumber(width) || !isFiniteNumber(height)) return { ...DEFAULT_BOUNDS };
  const size = {
    width: Math.round(Math.min(Math.max(width, MIN_SIZE.width), 10_000)),
    height: Math.round(Math.min(Math.max(height, MIN_SIZE.height), 10_000)),
    maximized: maximized === true,
  };
  if (!isFiniteNumber(x) || !isFiniteNumber(y)) return size;
  const titleBar: Rect = { x: Math.round(x), y: Math.round(y), width: size.width, height: 40 };
  // At least 100×20 px of the title bar on one display, so the user can grab and move it.
  const visible = workAreas.some((area) => overlap(titleBar, area) >= 100 * 20);
  return visible ? { ...size, x: titleBar.x, y: titleBar.y } : size;
}

/** The window members used to save its state. */
export interface StatefulWindowLike {
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  on(event: 'close', listener: () => void): unknown;
}

/** Reads the saved bounds for a new window. */
export const loadWindowBounds = (store: JsonStore, workAreas: readonly Rect[]): WindowBounds =>
  restoreBounds(store.get(KEY), workAreas);

/** Saves the window's normal (un-maximized) bounds when it closes. */
export function trackWindowBounds(win: StatefulWindowLike, store: JsonStore): void {
  win.on('close', () => {
    const bounds = win.getNormalBounds();
    store.set(KEY, { ...bounds, maximized: win.isMaximized() });
  });
}
