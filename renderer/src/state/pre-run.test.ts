import { describe, expect, it } from 'vitest';
import { CHECKED_PARAMS, type CapabilityReport, type ParamCheck } from '../../../shared/capabilities';
import type { Draft } from '../../../shared/schemas';
import { preRunQuestion } from './pre-run';
import type { ServerState } from './server-store';

const report = (): CapabilityReport => ({
  version: 1,
  endpoint: 'http://127.0.0.1:8080',
  model: 'm',
  checkedAt: 1,
  durationMs: 1,
  server: 'llama.cpp',
  params: Object.fromEntries(
    CHECKED_PARAMS.map((p): [string, ParamCheck] =>
      p === 'n'
        ? [
            p,
            {
              status: 'rejected',
              httpStatus: 500,
              message: 'Only one completion choice is allowed',
              reason: 'r',
            },
          ]
        : [p, { status: 'honoured', evidence: 'accepted', reason: 'r' }],
    ),
  ) as CapabilityReport['params'],
  features: {
    models: { state: 'yes' },
    streaming: { state: 'yes' },
    usageInStream: { state: 'yes' },
    tokenize: { state: 'yes' },
  },
  contextLength: { tokens: 100, source: 'llama.cpp /props' },
  requests: [],
});

const state = (extra: Partial<ServerState> = {}): ServerState => ({
  reports: [{ profileId: 'p1', report: report() }],
  prices: {},
  plans: {},
  checking: {},
  checkErrors: {},
  choices: {},
  ...extra,
});

const draft = (params: Partial<Draft['params']>): Draft => ({
  params: { model: 'm', prompt: 'hello', stream: true, ...params },
});

describe('the pre-run question', () => {
  it('asks about a parameter the check saw refused, and not about n = 1 or another profile', () => {
    const asked = preRunQuestion(state(), 'p1', draft({ n: 2 }));
    expect(asked.question?.rejections.map((r) => r.headline)).toEqual(['llama-server rejects n > 1']);
    expect(preRunQuestion(state(), 'p1', draft({ n: 1 })).question).toBeUndefined();
    expect(preRunQuestion(state(), 'p2', draft({ n: 2 })).question).toBeUndefined();
  });

  it('applies a remembered answer without asking: drop removes n, send keeps it', () => {
    const dropped = preRunQuestion(state({ choices: { p1: { n: 'drop' } } }), 'p1', draft({ n: 2 }));
    expect(dropped.question).toBeUndefined();
    expect(dropped.draft.params.n).toBeUndefined();
    const sent = preRunQuestion(state({ choices: { p1: { n: 'send' } } }), 'p1', draft({ n: 2 }));
    expect(sent.question).toBeUndefined();
    expect(sent.draft.params.n).toBe(2);
  });

  it('asks before a prompt + max_tokens that cannot fit the context, only for the counted prompt', () => {
    const count = { count: 95, exact: true, label: 'exact (server)' };
    const counted = state({ promptCount: { profileId: 'p1', model: 'm', prompt: 'hello', count } });
    const asked = preRunQuestion(counted, 'p1', draft({ max_tokens: 10 }));
    expect(asked.question?.overflow).toEqual({
      promptTokens: 95,
      needed: 105,
      contextLength: 100,
      label: 'exact (server)',
    });
    expect(preRunQuestion(counted, 'p1', draft({ max_tokens: 5 })).question).toBeUndefined();
    // A count of another text says nothing about this one.
    expect(
      preRunQuestion(counted, 'p1', draft({ max_tokens: 10, prompt: 'other' })).question,
    ).toBeUndefined();
  });
});
