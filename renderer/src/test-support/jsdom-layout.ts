import { afterAll, beforeAll } from 'vitest';

const sizes = ['clientHeight', 'clientWidth'] as const;

/**
 * jsdom lays nothing out, so a virtualized list (the Results grid) would draw no rows: give every element a size for
 * the tests of this file, so the virtualizer renders a screenful.
 */
export function giveElementsASize(px = 900): void {
  beforeAll(() => {
    for (const s of sizes)
      Object.defineProperty(HTMLElement.prototype, s, { configurable: true, get: () => px });
  });
  afterAll(() => {
    for (const s of sizes) delete (HTMLElement.prototype as unknown as Record<string, unknown>)[s];
  });
}
