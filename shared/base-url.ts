/**
 * The one base-URL normaliser: the engine, View code and the model list all build their URLs from it, so a profile's
 * `https://x/v1/` and `https://x` reach the same endpoint everywhere.
 */

/** Trims, drops trailing slashes and one trailing `/v1`, so `https://x/v1/` and `https://x` mean the same. */
export const normalizeBaseUrl = (baseUrl: string): string =>
  baseUrl.trim().replace(/\/+$/, '').replace(/\/v1$/i, '').replace(/\/+$/, '');

/** `{base}/v1`, whether or not the user typed the `/v1`. */
export const apiBaseUrl = (baseUrl: string): string => `${normalizeBaseUrl(baseUrl)}/v1`;

/** The completions endpoint of a base URL. */
export const completionsUrl = (baseUrl: string): string => `${apiBaseUrl(baseUrl)}/completions`;

/** The model-list endpoint of a base URL. */
export const modelsUrl = (baseUrl: string): string => `${apiBaseUrl(baseUrl)}/models`;

/** The origin (scheme://host:port) of a URL, or undefined when it does not parse. */
export const originOf = (url: string | undefined): string | undefined => {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
};
