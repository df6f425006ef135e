/** A local model's report comes from the engine's support table: no request, each parameter as the engine runs it. */
import { describe, expect, it } from 'vitest';
import { localCapabilityReport } from '../../main/core/capability/local-report';
import { LOCAL_PARAM_SUPPORT } from '../../main/core/local';
import { capabilityReportSchema, CHECKED_PARAMS } from '../../shared/capabilities';

describe('the local capability report', () => {
  const report = localCapabilityReport({ model: 'tiny', contextTokens: 2048, now: 1234 });

  it('is a valid stored report that sent nothing and spent nothing', () => {
    expect(capabilityReportSchema.safeParse(report).success).toBe(true);
    expect(report.requests).toEqual([]);
    expect(report.tokensUsed).toBe(0);
    expect(report.contextLength).toEqual({ tokens: 2048, source: 'local model settings' });
  });

  it('marks what the engine cannot honour as ignored, partial support with its note', () => {
    for (const p of CHECKED_PARAMS) {
      const support = LOCAL_PARAM_SUPPORT[p];
      const check = report.params[p];
      expect(check.status, p).toBe(support.level === 'none' ? 'ignored' : 'honoured');
      if (support.level === 'partial') expect(check.reason, p).toContain(support.note);
    }
    expect(report.params.user.status).toBe('ignored');
  });
});
