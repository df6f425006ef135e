// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CHECKED_PARAMS,
  type CapabilityReport,
  type ParamCheck,
  type StoredReports,
} from '../../../../shared/capabilities';
import { planCapabilityCheck } from '../../../../shared/capability-plan';
import { ok } from '../../../../shared/result';
import { createFakeApi } from '../../test-support/fake-api';
import { renderWithApi } from '../../test-support/render-with-api';
import { ParamPanel } from '../params/param-panel';

afterEach(cleanup);

const report = (model: string): CapabilityReport => ({
  version: 1,
  endpoint: 'http://127.0.0.1:9',
  model,
  checkedAt: Date.UTC(2026, 0, 2),
  durationMs: 5,
  server: 'llama.cpp',
  params: Object.fromEntries(
    CHECKED_PARAMS.map((p): [string, ParamCheck] =>
      p === 'echo'
        ? [p, { status: 'rejected', httpStatus: 500, message: 'Unsupported param: echo', reason: 'r' }]
        : [p, { status: 'honoured', evidence: 'observed', reason: 'seen' }],
    ),
  ) as CapabilityReport['params'],
  features: {
    models: { state: 'yes' },
    streaming: { state: 'yes' },
    usageInStream: { state: 'yes' },
    tokenize: { state: 'no' },
  },
  requests: [],
});

describe('Check server in the parameter panel', () => {
  it('says what it will send before it starts, checks the active profile + model, then badges each parameter', async () => {
    const user = userEvent.setup();
    const api = createFakeApi({ draft: { params: { model: 'tiny', prompt: 'hi', stream: true } } });
    let stored: StoredReports = [];
    const checks: [string, string][] = [];
    const plan = planCapabilityCheck();
    api.planServerCheck = (profileId) =>
      Promise.resolve(
        ok({
          profileId,
          requests: plan.requests,
          tokens: plan.tokens.total,
          summary: plan.summary,
          automatic: false,
        }),
      );
    api.listCapabilityReports = () => Promise.resolve(ok(stored));
    api.getPriceTables = () => Promise.resolve(ok({}));
    api.checkServer = (profileId, model) => {
      checks.push([profileId, model]);
      stored = [{ profileId, report: report(model) }];
      return Promise.resolve(ok(report(model)));
    };
    await renderWithApi(<ParamPanel />, api);

    expect(await screen.findByText(`Sends ${plan.summary}.`)).toBeVisible();
    const echo = screen.getByRole('switch', { name: /echo/i }).closest('.param') as HTMLElement;
    expect(within(echo).queryByText('rejected')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Check server' }));
    expect(checks).toEqual([['p1', 'tiny']]);
    const badge = await within(echo).findByText('rejected');
    expect(badge).toHaveAttribute('title', "rejected by this server: HTTP 500 'Unsupported param: echo'");
    const temperature = screen.getByRole('slider', { name: 'Temperature' }).closest('.param') as HTMLElement;
    expect(within(temperature).getByText('honoured')).toHaveAttribute(
      'title',
      'honoured by this server: seen',
    );
  });
});
