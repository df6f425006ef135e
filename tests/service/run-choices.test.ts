/**
 * The pre-run answers remembered per profile live in main's settings: they survive a relaunch (a web-mode page's
 * origin changes with every launch, so the page cannot keep them), null forgets them, an unknown profile or an
 * unknown answer is refused.
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { API_ARG_SCHEMAS } from '../../shared/api-schemas';
import { CALLER } from '../contract/contract-harness';
import { makeService } from './service-harness';

let made: ReturnType<typeof makeService> | undefined;
afterEach(async () => {
  await made?.service.shutdown();
  if (made) rmSync(made.dir, { recursive: true, force: true });
  made = undefined;
});

const env = { baseUrl: 'http://127.0.0.1:9' };

describe('remembered run choices', () => {
  it('are written to settings, read back after a relaunch, and forgotten with null', async () => {
    made = makeService({ env });
    const saved = await made.service.setRunChoices('r9s', { n: 'drop', echo: 'send' }, CALLER);
    expect(saved.ok && saved.value).toEqual({ r9s: { n: 'drop', echo: 'send' } });
    const dir = made.dir;
    await made.service.shutdown();
    made = makeService({ dir, env });
    const read = await made.service.getRunChoices(CALLER);
    expect(read.ok && read.value).toEqual({ r9s: { n: 'drop', echo: 'send' } });
    const forgot = await made.service.setRunChoices('r9s', null, CALLER);
    expect(forgot.ok && forgot.value).toEqual({});
  });

  it('refuses an unknown profile, and the schema refuses an unknown answer or parameter', async () => {
    made = makeService({ env });
    const missing = await made.service.setRunChoices('nobody', { n: 'drop' }, CALLER);
    expect(missing.ok ? 'saved' : missing.error.kind).toBe('not_found');
    expect(API_ARG_SCHEMAS.setRunChoices.safeParse(['r9s', { n: 'maybe' }]).success).toBe(false);
    expect(API_ARG_SCHEMAS.setRunChoices.safeParse(['r9s', { temperature_x: 'drop' }]).success).toBe(false);
    expect(API_ARG_SCHEMAS.setRunChoices.safeParse(['r9s', { n: 'drop' }]).success).toBe(true);
  });
});
