/**
 * The one request builder: the body the engine sends, View code shows, history re-runs and the presets diff compares.
 * "Not set, not sent" (docs/architecture.md#not-set-not-sent) is written here and nowhere else.
 */
import { effectiveStream } from './param-rules';
import { PARAM_SPECS, type CompletionParams } from './params';
import { FORBIDDEN_KEYS } from './schemas';

/** The keys the builder writes itself; an extra-body key among them overrides what the builder wrote. */
export const BODY_OWN_KEYS: ReadonlySet<string> = new Set([
  'model',
  'prompt',
  'stream',
  ...PARAM_SPECS.map((s) => s.wire),
]);

/** Unset values, empty stop lists and empty bias tables are "nothing to send": some servers reject `stop: []`. */
const isNotSent = (v: unknown): boolean =>
  v === undefined ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && v !== null && Object.keys(v).length === 0);

/** The snake_case body: model, prompt, every parameter that is set (in table order), stream, then the extra body. */
export const buildBody = (
  params: CompletionParams,
  extraBody: Record<string, unknown> = {},
): Record<string, unknown> => {
  const body: Record<string, unknown> = { model: params.model, prompt: params.prompt };
  for (const spec of PARAM_SPECS) {
    const value = params[spec.wire];
    if (!isNotSent(value)) body[spec.wire] = value;
  }
  body['stream'] = effectiveStream(params);
  // The extra body wins over everything, by design: it is the escape hatch for server-specific fields.
  for (const [key, value] of Object.entries(extraBody)) {
    if (!FORBIDDEN_KEYS.has(key)) body[key] = value;
  }
  return body;
};

/** The params without their unset keys, for whatever stores or sends a params object ("not set" is absent). */
export const dropUnset = (params: CompletionParams): CompletionParams => {
  const out = { ...params };
  for (const key of Object.keys(out) as (keyof CompletionParams)[]) {
    if (out[key] === undefined) delete out[key];
  }
  return out;
};
