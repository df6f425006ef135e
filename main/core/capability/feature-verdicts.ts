/**
 * What the metadata probes and the stream probe say about the server: its model list and vLLM's `max_model_len`,
 * llama.cpp's `/props` context size, the tokenize endpoint, and whether streaming (with usage) works.
 */
import type { Feature, TokenizeDialect } from '../../../shared/capabilities';
import type { ProbeAnswer } from './probe-http';
import type { Outcome } from './probe-verdicts';
import { parseTokenizeAnswer, type TokenizeAnswer } from './tokenize';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const positiveInt = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined;

/** A feature verdict, with a detail when there is one. */
export const feature = (state: Feature['state'], detail?: string): Feature =>
  detail ? { state, detail } : { state };

/** `GET /v1/models`: reachable or not, and the model's `max_model_len` where vLLM lists it. */
export const readModels = (
  answer: ProbeAnswer,
  model: string,
): { feature: Feature; maxModelLen?: number } => {
  const payload = answer.kind === 'json' && isRecord(answer.payload) ? answer.payload : undefined;
  const rows = payload ? (payload['data'] ?? payload['models']) : undefined;
  if (!Array.isArray(rows))
    return {
      feature: feature(
        'no',
        answer.kind === 'failed' ? answer.error.message : 'the answer is not a model list',
      ),
    };
  const row: unknown = rows.find((r) => isRecord(r) && r['id'] === model);
  const maxModelLen = isRecord(row) ? positiveInt(row['max_model_len']) : undefined;
  return { feature: feature('yes', `${rows.length} models listed`), ...(maxModelLen ? { maxModelLen } : {}) };
};

/** llama.cpp's `GET /props`: the context size of a slot, `default_generation_settings.n_ctx`. */
export const readPropsContext = (answer: ProbeAnswer): number | undefined => {
  const payload = answer.kind === 'json' && isRecord(answer.payload) ? answer.payload : undefined;
  const settings = payload?.['default_generation_settings'];
  return isRecord(settings) ? positiveInt(settings['n_ctx']) : undefined;
};

/** `POST /tokenize` in the dialect tried: the answer read, and the verdict. */
export const readTokenize = (
  answer: ProbeAnswer,
  dialect: TokenizeDialect,
): { feature: Feature; parsed?: TokenizeAnswer } => {
  const parsed = answer.kind === 'json' ? parseTokenizeAnswer(dialect, answer.payload) : undefined;
  if (parsed) return { feature: feature('yes', `POST /tokenize (${dialect})`), parsed };
  const why = answer.kind === 'failed' ? answer.error.message : `the answer is not ${dialect}'s shape`;
  return { feature: feature('no', why) };
};

/**
 * The stream probe: a stream that arrived says yes; a plain JSON answer or an HTTP error says no; a timeout or a
 * dropped connection says nothing either way. Usage counts only when the stream carried it.
 */
export const judgeStream = (o: Outcome): { streaming: Feature; usageInStream: Feature } => {
  if (!o.ok) {
    const refused = (o.error.status ?? 0) >= 400;
    return {
      streaming: feature(refused ? 'no' : 'unknown', o.error.message),
      usageInStream: feature('unknown', 'the stream failed'),
    };
  }
  if (!o.streamed)
    return {
      streaming: feature('no', 'asked for a stream, the server answered with one JSON body'),
      usageInStream: feature('unknown', 'no stream came'),
    };
  return {
    streaming: feature('yes'),
    usageInStream: o.view.usage
      ? feature('yes')
      : feature('no', 'asked for with stream_options.include_usage; none came'),
  };
};
