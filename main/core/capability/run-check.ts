/**
 * The capability check: the probes of planCapabilityCheck, in order, each bounded (MAX_CHECK_TOKENS, a deadline, a
 * byte cap, no redirects), then one report. It fails as a whole only when the plain reference request fails, or when
 * it is cancelled; anything else becomes a verdict with its reason.
 */
import { CHECK_PROBES, type ProbeId, type ProbeSpec } from '../../../shared/capability-plan';
import {
  CHECKED_PARAMS,
  type CapabilityReport,
  type CheckedParam,
  type CheckRequest,
  type ParamCheck,
  type ServerKind,
  type TokenizeDialect,
} from '../../../shared/capabilities';
import { sanitizeBaseUrl } from '../../../shared/preset-format';
import { fail, ok, type Result } from '../../../shared/result';
import type { FetchLike } from '../ports';
import { normalizeBaseUrl } from '../../../shared/base-url';
import type { ProviderTarget } from '../provider/request';
import { judgeStream, readModels, readPropsContext, readTokenize } from './feature-verdicts';
import { BIAS_WORD, PROBE_BODIES, type BodyContext } from './probe-bodies';
import { sendProbe, type ProbeAnswer } from './probe-http';
import {
  judgeBaseline,
  judgeBestOf,
  judgeEcho,
  judgeLogitBias,
  judgeN,
  judgeSampling,
  judgeSeed,
  type Outcome,
  type Verdicts,
} from './probe-verdicts';
import { readCompletion } from './completion-view';
import { notChecked } from './verdicts';

/** What a check needs. */
export interface CapabilityCheckOptions {
  target: ProviderTarget;
  model: string;
  fetch: FetchLike;
  /** Aborting it stops the check between or during requests; it then fails and nothing is stored. */
  signal: AbortSignal;
  now?: () => number;
  /** Deadline of each request (default CHECK_TIMEOUT_MS). */
  timeoutMs?: number;
}

/** Deadline of one probe. */
export const CHECK_TIMEOUT_MS = 15_000;

/** Most bytes read from one answer (a hosted model list can run to a megabyte or two). */
export const CHECK_MAX_BYTES = 4 * 1024 * 1024;

const SPECS = Object.fromEntries(CHECK_PROBES.map((p) => [p.id, p])) as Record<ProbeId, ProbeSpec>;

/** Thrown inside the check only, caught below: a cancelled check stops where it is. */
class Cancelled extends Error {}

/** Runs the check against one profile + model. */
export const runCapabilityCheck = async (
  options: CapabilityCheckOptions,
): Promise<Result<CapabilityReport>> => {
  const { target, model, signal } = options;
  const now = options.now ?? Date.now;
  const started = now();
  const requests: CheckRequest[] = [];
  let tokensUsed: number | undefined;
  let fingerprint: string | undefined;

  const send = async (probe: ProbeId, body: Record<string, unknown> | undefined): Promise<ProbeAnswer> => {
    if (signal.aborted) throw new Cancelled();
    const spec = SPECS[probe];
    const at = now();
    const answer = await sendProbe({
      target,
      method: spec.method,
      path: spec.path,
      body,
      stream: probe === 'stream',
      fetch: options.fetch,
      signal,
      timeoutMs: options.timeoutMs ?? CHECK_TIMEOUT_MS,
      maxBytes: CHECK_MAX_BYTES,
    });
    if (answer.kind === 'cancelled') throw new Cancelled();
    const failed = answer.kind === 'failed' ? answer.error : undefined;
    const status = answer.kind === 'failed' ? answer.error.status : answer.status;
    requests.push({
      probe,
      method: spec.method,
      path: spec.path,
      ...(body ? { body } : {}),
      ...(status !== undefined ? { status } : {}),
      ...(failed ? { error: failed.message.slice(0, 1000) } : {}),
      durationMs: Math.max(0, now() - at),
    });
    return answer;
  };

  const ctx: BodyContext = { model, dialect: 'vllm', biasId: 0 };
  const complete = async (probe: ProbeId): Promise<Outcome> => {
    const answer = await send(probe, PROBE_BODIES[probe](ctx));
    if (answer.kind === 'failed') return { ok: false, error: answer.error };
    if (answer.kind === 'cancelled') throw new Cancelled();
    const view = readCompletion(answer.kind === 'sse' ? answer.events : [answer.payload]);
    if (view.choices.length === 0)
      return {
        ok: false,
        error: { kind: 'protocol', status: answer.status, message: 'The answer has no choices.' },
      };
    const u = view.usage;
    const used = u?.total_tokens ?? (u ? (u.prompt_tokens ?? 0) + (u.completion_tokens ?? 0) : undefined);
    if (used !== undefined) tokensUsed = (tokensUsed ?? 0) + used;
    fingerprint ??= view.fingerprint;
    return { ok: true, view, streamed: answer.kind === 'sse' };
  };

  try {
    let server: ServerKind = 'unknown';
    let context: CapabilityReport['contextLength'];

    const models = readModels(await send('models', undefined), model);
    if (models.maxModelLen) {
      server = 'vllm';
      context = { tokens: models.maxModelLen, source: 'vLLM max_model_len' };
    }
    const nCtx = readPropsContext(await send('props', undefined));
    if (nCtx) {
      server = 'llama.cpp';
      context = { tokens: nCtx, source: 'llama.cpp /props' };
    }
    // One tokenize request, in the dialect the server looks like: llama.cpp's once /props answered, else vLLM's.
    const dialect: TokenizeDialect = server === 'llama.cpp' ? 'llama.cpp' : 'vllm';
    ctx.dialect = dialect;
    const tokenize = readTokenize(await send('tokenize', PROBE_BODIES.tokenize(ctx)), dialect);
    const parsed = tokenize.parsed;
    if (parsed && dialect === 'vllm') server = 'vllm';
    if (parsed?.maxModelLen && !context)
      context = { tokens: parsed.maxModelLen, source: 'vLLM max_model_len' };
    const biasId = parsed?.ids?.length === 1 ? parsed.ids[0] : undefined;
    ctx.biasId = biasId ?? 0;

    const baseline = await complete('baseline');
    if (!baseline.ok) {
      const { error } = baseline;
      return {
        ok: false,
        error: { ...error, message: `The plain request failed, so nothing was checked: ${error.message}` },
      };
    }
    const reference = baseline.view.choices[0]?.text ?? '';
    ctx.reference = reference;

    const { streaming, usageInStream } = judgeStream(await complete('stream'));

    const verdicts: Verdicts[] = [judgeBaseline(baseline.view)];
    verdicts.push(judgeSampling(await complete('sampling'), reference));
    verdicts.push(judgeN(await complete('n')));
    verdicts.push(judgeBestOf(await complete('best_of')));
    verdicts.push(judgeEcho(await complete('echo')));
    const seedA = await complete('seed-a');
    verdicts.push(judgeSeed(seedA, await complete('seed-b')));
    const word = biasId !== undefined ? BIAS_WORD : undefined;
    verdicts.push(judgeLogitBias(await complete('logit_bias'), reference, { id: ctx.biasId, word }, server));

    const merged = Object.assign({}, ...verdicts) as Verdicts;
    const params = Object.fromEntries(
      CHECKED_PARAMS.map((p) => [p, merged[p] ?? notChecked('no probe covered it')]),
    ) as Record<CheckedParam, ParamCheck>;
    const finished = now();
    return ok({
      version: 1,
      endpoint: sanitizeBaseUrl(normalizeBaseUrl(target.baseUrl)) ?? '',
      model,
      checkedAt: finished,
      durationMs: Math.max(0, finished - started),
      server,
      params,
      features: { models: models.feature, streaming, usageInStream, tokenize: tokenize.feature },
      ...(parsed ? { tokenizer: dialect } : {}),
      ...(context ? { contextLength: context } : {}),
      ...(fingerprint ? { systemFingerprint: fingerprint } : {}),
      requests,
      ...(tokensUsed !== undefined ? { tokensUsed } : {}),
    });
  } catch (err) {
    if (err instanceof Cancelled) return fail('network', 'The capability check was cancelled.');
    const message = err instanceof Error ? err.message : String(err);
    return fail('protocol', `Internal error during the capability check: ${message}`);
  }
};
