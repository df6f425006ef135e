/**
 * `GET {base}/v1/models`, read leniently: OpenAI's `data[].id`, or `models[].id|name` (llama.cpp, Ollama-style).
 * Like a run: redirects are not followed, waits are bounded by the profile's timeouts, and the body by a size cap.
 */
import type { ModelInfo } from '../../../shared/api';
import { modelsUrl } from '../../../shared/base-url';
import { fail, ok, type Result } from '../../../shared/result';
import type { FetchLike } from '../ports';
import { readBodyText } from './body-text';
import { errorFromNetwork, errorFromResponse } from './errors';
import { errorFromRedirect, errorFromTimeout, isRedirect, userinfoError } from './guard-errors';
import { buildHeaders, type ProviderTarget } from './request';
import { startWatchdog } from './watchdog';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Most model ids kept from one listing (a misbehaving server cannot flood the picker). */
const MAX_MODELS = 5_000;

/** Most bytes of a model list read: thousands of entries fit in far less. */
const MAX_LIST_BYTES = 8 * 1024 * 1024;

const modelsFrom = (payload: unknown): ModelInfo[] | undefined => {
  if (!isRecord(payload)) return Array.isArray(payload) ? modelsFrom({ data: payload }) : undefined;
  const rows = Array.isArray(payload['data']) ? payload['data'] : payload['models'];
  if (!Array.isArray(rows)) return undefined;
  const seen = new Set<string>();
  const out: ModelInfo[] = [];
  for (const row of rows) {
    const id =
      typeof row === 'string' ? row : isRecord(row) ? (row['id'] ?? row['name'] ?? row['model']) : undefined;
    if (typeof id !== 'string' || id === '' || seen.has(id)) continue;
    seen.add(id);
    const owner = isRecord(row) ? row['owned_by'] : undefined;
    out.push(typeof owner === 'string' && owner !== '' ? { id, ownedBy: owner } : { id });
    if (out.length >= MAX_MODELS) break;
  }
  return out;
};

/** Lists the models of a profile's server; errors are values with the server's message. */
export const listModels = async (
  target: ProviderTarget,
  fetch: FetchLike,
  signal?: AbortSignal,
): Promise<Result<ModelInfo[]>> => {
  const refused = userinfoError(target.baseUrl);
  if (refused) return { ok: false, error: refused };
  const url = modelsUrl(target.baseUrl);
  const watchdog = startWatchdog(target.timeouts, () => performance.now());
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: 'GET',
      headers: buildHeaders(target, 'application/json'),
      signal: signal ? AbortSignal.any([signal, watchdog.signal]) : watchdog.signal,
      redirect: 'manual',
    });
    watchdog.headersReceived();
    if (isRedirect(response.status)) {
      await response.body?.cancel().catch(() => undefined);
      return { ok: false, error: errorFromRedirect(response.status, response.headers.get('location'), url) };
    }
    const read = await readBodyText(response.body, MAX_LIST_BYTES, watchdog);
    if (read.isTruncated)
      return fail('protocol', `The model list is larger than ${MAX_LIST_BYTES / 1024 / 1024} MB.`, {
        status: response.status,
      });
    text = read.text;
  } catch (err) {
    if (signal?.aborted) return fail('network', 'Listing models was cancelled.');
    const limit = watchdog.fired;
    if (limit) {
      const ms = limit === 'headers' ? target.timeouts.headersMs : target.timeouts.idleMs;
      return { ok: false, error: errorFromTimeout(limit, ms, url) };
    }
    return { ok: false, error: errorFromNetwork(err, url) };
  } finally {
    watchdog.stop();
  }
  if (!response.ok)
    return {
      ok: false,
      error: errorFromResponse(response.status, response.statusText, text, response.headers),
    };
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    return fail('protocol', `The model list is not JSON: ${text.slice(0, 200)}`, { status: response.status });
  }
  const models = modelsFrom(payload);
  if (!models)
    return fail('protocol', 'The model list has neither `data` nor `models`.', { status: response.status });
  return ok(models);
};
