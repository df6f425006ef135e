import { describe, expect, it } from 'vitest';
import {
  describeParamCheck,
  matchRejection,
  rejectionFor,
  withoutRejected,
} from '../../shared/capability-rejections';
import {
  capabilityReportSchema,
  CHECKED_PARAMS,
  findReport,
  MAX_STORED_REPORTS,
  storeReport,
  type CapabilityReport,
  type CheckedParam,
  type ParamCheck,
} from '../../shared/capabilities';

const rejected = (httpStatus: number, message: string): ParamCheck => ({
  status: 'rejected',
  httpStatus,
  message,
  reason: `the server answered HTTP ${httpStatus}`,
});

/** A llama-server report as the check makes it (see capability-check.test.ts for the real thing). */
const llamaReport = (over: Partial<CapabilityReport> = {}): CapabilityReport => ({
  version: 1,
  endpoint: 'http://127.0.0.1:8080',
  model: 'tiny',
  checkedAt: 1_000,
  durationMs: 120,
  server: 'llama.cpp',
  params: {
    ...(Object.fromEntries(
      CHECKED_PARAMS.map((p) => [p, { status: 'honoured', evidence: 'accepted', reason: 'accepted' }]),
    ) as Record<CheckedParam, ParamCheck>),
    n: rejected(500, 'Only one completion choice is allowed'),
    best_of: rejected(500, 'Unsupported param: best_of'),
    echo: rejected(500, 'Unsupported param: echo'),
    logit_bias: { status: 'ignored', reason: 'a +100 bias left the answer unchanged' },
  },
  features: {
    models: { state: 'yes' },
    streaming: { state: 'yes' },
    usageInStream: { state: 'yes' },
    tokenize: { state: 'yes' },
  },
  requests: [],
  ...over,
});

describe('rejectionFor (the pre-run question)', () => {
  it('names each parameter about to be sent that the server rejects, with the way out', () => {
    const found = rejectionFor(llamaReport(), { n: 3, echo: false, temperature: 0.7 });
    expect(found.map((r) => [r.param, r.headline, r.detail, r.fixLabel])).toEqual([
      [
        'n',
        'llama-server rejects n > 1',
        "HTTP 500 'Only one completion choice is allowed'",
        'Run with n = 1',
      ],
      ['echo', 'llama-server rejects echo', "HTTP 500 'Unsupported param: echo'", 'Run without echo'],
    ]);
  });

  it('asks nothing for values that are not sent, and nothing for n = 1', () => {
    expect(rejectionFor(llamaReport(), { n: 1, stop: [], logit_bias: {}, echo: undefined })).toEqual([]);
    // best_of is refused for being present at all, so even best_of = 1 is asked about.
    expect(rejectionFor(llamaReport(), { best_of: 1 }).map((r) => r.param)).toEqual(['best_of']);
    expect(rejectionFor(llamaReport({ server: 'unknown' }), { echo: true })[0]?.headline).toBe(
      'This server rejects echo',
    );
  });

  it('"Run with n = 1" sets the rejected parameters back to not set and keeps the rest', () => {
    const params = { model: 'm', n: 2, echo: true, temperature: 0.5 };
    const out = withoutRejected(params, rejectionFor(llamaReport(), params));
    expect(out).toEqual({ model: 'm', temperature: 0.5 });
    expect(params.n).toBe(2);
  });
});

describe('matchRejection (an error that points at a parameter)', () => {
  it('matches the recorded status and message exactly', () => {
    const error = {
      kind: 'server_error' as const,
      status: 500,
      message: 'Only one completion choice is allowed',
    };
    expect(matchRejection(llamaReport(), error)?.param).toBe('n');
    expect(matchRejection(llamaReport(), error, { n: 2 })?.param).toBe('n');
    // The run did not send n, so the same words cannot be about n.
    expect(matchRejection(llamaReport(), error, { echo: true })).toBeUndefined();
  });

  it("falls back to the error's param field, then to a message that names a rejected parameter", () => {
    const report = llamaReport();
    const byParam = { kind: 'bad_request' as const, status: 400, message: 'nope', param: 'best_of' };
    expect(matchRejection(report, byParam)?.param).toBe('best_of');
    const byName = { kind: 'server_error' as const, status: 500, message: 'Unsupported param: echo (again)' };
    expect(matchRejection(report, byName)?.param).toBe('echo');
    const unrelated = { kind: 'server_error' as const, status: 500, message: 'out of memory' };
    expect(matchRejection(report, unrelated)).toBeUndefined();
    // A word that merely contains a parameter's name does not count.
    expect(matchRejection(report, { ...unrelated, message: 'echoed nothing' })).toBeUndefined();
  });
});

describe('describeParamCheck (badge tooltips)', () => {
  it('says what the check found in the words of the issue', () => {
    const r = llamaReport().params;
    expect(describeParamCheck(r.echo)).toBe("rejected by this server: HTTP 500 'Unsupported param: echo'");
    expect(describeParamCheck(r.logit_bias)).toBe(
      'accepted but ignored by this server: a +100 bias left the answer unchanged',
    );
    expect(describeParamCheck({ status: 'honoured', evidence: 'observed', reason: 'two choices' })).toBe(
      'honoured by this server: two choices',
    );
    expect(describeParamCheck({ status: 'not-checked', reason: 'the request timed out' })).toBe(
      'not checked: the request timed out',
    );
  });
});

describe('capability reports as stored', () => {
  it('the schema accepts a report and refuses unknown fields (a key, say) and missing parameters', () => {
    expect(capabilityReportSchema.parse(llamaReport())).toEqual(llamaReport());
    expect(capabilityReportSchema.safeParse({ ...llamaReport(), apiKey: 'sk-x' }).success).toBe(false);
    const { n: _n, ...partial } = llamaReport().params;
    expect(capabilityReportSchema.safeParse({ ...llamaReport(), params: partial }).success).toBe(false);
  });

  it('keeps one report per profile + model, newest first, and at most MAX_STORED_REPORTS', () => {
    let stored = storeReport([], 'p1', llamaReport({ model: 'a', checkedAt: 1 }));
    stored = storeReport(stored, 'p1', llamaReport({ model: 'b', checkedAt: 2 }));
    stored = storeReport(stored, 'p2', llamaReport({ model: 'a', checkedAt: 3 }));
    stored = storeReport(stored, 'p1', llamaReport({ model: 'a', checkedAt: 4 }));
    expect(stored.map((s) => [s.profileId, s.report.model, s.report.checkedAt])).toEqual([
      ['p1', 'a', 4],
      ['p2', 'a', 3],
      ['p1', 'b', 2],
    ]);
    expect(findReport(stored, 'p2', 'a')?.checkedAt).toBe(3);
    expect(findReport(stored, 'p2', 'b')).toBeUndefined();
    for (let i = 0; i < MAX_STORED_REPORTS + 5; i++)
      stored = storeReport(stored, 'p3', llamaReport({ model: `m${i}`, checkedAt: 10 + i }));
    expect(stored).toHaveLength(MAX_STORED_REPORTS);
    expect(findReport(stored, 'p3', `m${MAX_STORED_REPORTS + 4}`)).toBeDefined();
  });
});
