import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entry, runId, useTempStores } from './history-helpers';

const { open, fresh } = useTempStores();

const withPrompt = (n: number, prompt: string) => entry(n, { params: { model: 'm', prompt, stream: true } });
const ids = (store: ReturnType<typeof open>, q: string) =>
  store.list({ search: q, offset: 0, limit: 5000 }).items.map((s) => s.id);

/** The search file is streamed through a 1 MB buffer: these cross its edges. */
describe('prompt search over a file larger than the read buffer', () => {
  it('finds every line, including those cut by a buffer edge, after a restart', async () => {
    const dir = fresh();
    const h = open(dir);
    // ~1.2 MB of prompts in 1,200 lines: one of them straddles the 1 MB read boundary.
    const filler = 'lorem ipsum '.repeat(85);
    for (let i = 1; i <= 1200; i++) h.start(withPrompt(i, `${filler}marker-${i}-end common`));
    await h.close();
    expect(readFileSync(join(dir, 'history-search.txt')).length).toBeGreaterThan(1.2 * 1024 * 1024);

    const again = open(dir);
    // Every line ends with "common": all 1,200 ids, the one cut by the buffer edge included.
    expect(new Set(ids(again, 'COMMON'))).toEqual(
      new Set(Array.from({ length: 1200 }, (_, i) => runId(i + 1))),
    );
    for (let i = 1; i <= 1200; i += 37) expect(ids(again, `marker-${i}-end`)).toEqual([runId(i)]);
  }, 20_000);

  it('finds a single prompt longer than the read buffer', async () => {
    const dir = fresh();
    const h = open(dir);
    h.start(withPrompt(1, 'short one'));
    h.start(withPrompt(2, `${'x'.repeat(1_500_000)} needle-at-the-end`));
    h.start(withPrompt(3, 'after the long one'));
    await h.close();
    const again = open(dir);
    expect(ids(again, 'needle-at-the-end')).toEqual([runId(2)]);
    expect(ids(again, 'after the long')).toEqual([runId(3)]);
    expect(ids(again, 'short one')).toEqual([runId(1)]);
  }, 20_000);

  it('counts an existing file at open, so dead lines left by an earlier session get compacted', async () => {
    const dir = fresh();
    const h = open(dir);
    for (let i = 1; i <= 1300; i++) h.start(withPrompt(i, `old-${i} text`));
    await h.close();

    const again = open(dir);
    await again.flush();
    for (let i = 1; i <= 1250; i++) again.delete(runId(i));
    await again.flush();
    const lines = readFileSync(join(dir, 'history-search.txt'), 'utf8').split('\n').filter(Boolean);
    expect(lines.length).toBeLessThan(100);
    expect(ids(again, 'old-1300 text')).toEqual([runId(1300)]);
    expect(ids(again, 'old-12 text')).toEqual([]);
  }, 20_000);
});
