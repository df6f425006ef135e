/**
 * The renderer is served from `app://playground/`, a privileged standard scheme of our own, instead of `file://`: a
 * file:// page shares its origin with every local file (and, with the GrantFileProtocolExtraPrivileges fuse on, has
 * powers a web page never gets). The handler serves only files under the built renderer folder, after the same
 * path check web mode uses, with their content type and the page's CSP.
 */
import { readFile, stat } from 'node:fs/promises';
import { sep } from 'node:path';
import { contentTypeOf, resolveStaticPath } from '../core/static-path';

/** The scheme, host and page of the renderer. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'playground';
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * How the scheme is registered, before the app is ready: standard (a real origin, relative URLs), secure (a secure
 * context, like https), fetch and CORS support (the module scripts and the word-diff worker load through them) and
 * a code cache. Never bypassCSP, never service workers.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
};

/** The parts of Electron's `protocol` used. */
export interface ProtocolLike {
  registerSchemesAsPrivileged(schemes: (typeof APP_SCHEME_PRIVILEGES)[]): void;
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void;
}

const BASE_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' };

const refuse = (status: number, text: string) =>
  new Response(text, { status, headers: { ...BASE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });

/** Serves `app://playground/<path>` from `rootDir` (out/renderer): GET and HEAD only, nothing outside it. */
export const createAppProtocolHandler =
  (rootDir: string) =>
  async (request: Request): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'method not allowed');
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return refuse(400, 'bad url');
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return refuse(404, 'not found');
    const path = resolveStaticPath(rootDir, url.pathname);
    if (!path) return refuse(400, 'bad path');
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) return refuse(404, 'not found');
    const type = contentTypeOf(path);
    const headers: Record<string, string> = { ...BASE_HEADERS, 'Content-Type': type };
    // Documents carry the policy themselves: a custom protocol's responses never pass the session's header hook.
    // The same policy as the meta tag of renderer/index.html (a test keeps them equal), written out for audits.
    if (type.startsWith('text/html'))
      headers['Content-Security-Policy'] =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    if (path.includes(`${sep}assets${sep}`)) headers['Cache-Control'] = 'public, max-age=31536000, immutable';
    if (request.method === 'HEAD') return new Response(null, { status: 200, headers });
    return new Response(await readFile(path), { status: 200, headers });
  };

/** Registers the scheme's privileges; Electron accepts this only before the app is ready. */
export const registerAppScheme = (protocol: Pick<ProtocolLike, 'registerSchemesAsPrivileged'>): void =>
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
