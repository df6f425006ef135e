import { describe, expect, it } from 'vitest';
import { placePopover, POPOVER_WIDTH } from './token-popover';

describe('placePopover', () => {
  const window = { width: 1280, height: 800 };
  const place = (rect: { left: number; top: number; bottom: number }) =>
    placePopover(rect, window.width, window.height);

  it('opens below a token with room under it, no taller than that room', () => {
    const p = place({ left: 100, top: 200, bottom: 220 });
    expect(p.top).toBeGreaterThan(220);
    expect(p.bottom).toBeUndefined();
    expect((p.top ?? 0) + p.maxHeight).toBeLessThanOrEqual(window.height);
  });

  it('opens above a token near the bottom of the window, inside it', () => {
    const p = place({ left: 100, top: 700, bottom: 720 });
    expect(p.top).toBeUndefined();
    // Anchored by its bottom edge just above the token, and no taller than the room above it.
    expect(window.height - (p.bottom ?? 0)).toBeLessThan(700);
    expect(p.maxHeight).toBeLessThanOrEqual(700);
  });

  it('stays inside the window sideways and never takes more than 60% of its height', () => {
    const p = place({ left: 1250, top: 10, bottom: 30 });
    expect(p.left + POPOVER_WIDTH).toBeLessThanOrEqual(window.width);
    expect(p.maxHeight).toBeLessThanOrEqual(window.height * 0.6);
    expect(place({ left: -40, top: 10, bottom: 30 }).left).toBeGreaterThanOrEqual(0);
  });
});
