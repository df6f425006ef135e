/**
 * Share codes: `r9s1.` + base64url(deflate-raw(UTF-8 JSON of a preset file)), short enough to paste into
 * chat, plus the `r9s-playground://import?code=…` deep link. Decoding applies the same rules as a preset file.
 */
import { Inflate, deflateSync, strFromU8, strToU8 } from 'fflate';
import { MAX_PRESET_FILE_CHARS, parsePresetFile, type PresetFile } from './preset-format';
import { fail, type Result } from './result';

/** The prefix of every version-1 share code. */
export const SHARE_CODE_PREFIX = 'r9s1.';

/** Longest share code accepted, in characters (base64url of the compressed file). */
export const MAX_SHARE_CODE_CHARS = 2_000_000;

/** The custom protocol of deep links (registered by the desktop shell). */
export const DEEP_LINK_PROTOCOL = 'r9s-playground:';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LOOKUP = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

/** Encodes bytes as unpadded base64url (works the same in the browser and in Node). */
export const toBase64Url = (bytes: Uint8Array): string => {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i]!;
    const b1 = bytes[i + 1];
    const b2 = bytes[i + 2];
    out += ALPHABET[b0 >> 2]! + ALPHABET[((b0 & 3) << 4) | ((b1 ?? 0) >> 4)]!;
    if (b1 !== undefined) out += ALPHABET[((b1 & 15) << 2) | ((b2 ?? 0) >> 6)]!;
    if (b2 !== undefined) out += ALPHABET[b2 & 63]!;
  }
  return out;
};

/** Decodes unpadded base64url; undefined when a character is outside the alphabet or the length is impossible. */
export const fromBase64Url = (text: string): Uint8Array | undefined => {
  if (text.length % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? LOOKUP[c]! : -1;
    if (v < 0) return undefined;
    value = ((value << 6) | v) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (value >> bits) & 255;
    }
  }
  return out.subarray(0, o);
};

/** Inflates in small steps and stops as soon as the output passes the cap, so a compression bomb costs little. */
const inflateCapped = (data: Uint8Array, maxBytes: number): Uint8Array | 'too-large' | 'corrupt' => {
  const parts: Uint8Array[] = [];
  let total = 0;
  let isDone = false;
  const inflater = new Inflate((chunk, final) => {
    parts.push(chunk);
    total += chunk.length;
    if (final) isDone = true;
  });
  try {
    const step = 4096;
    for (let i = 0; i < data.length && total <= maxBytes; i += step) {
      const end = Math.min(i + step, data.length);
      inflater.push(data.subarray(i, end), end === data.length);
    }
  } catch {
    return 'corrupt';
  }
  if (total > maxBytes) return 'too-large';
  if (!isDone) return 'corrupt';
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

/** Encodes a preset file as a share code. */
export const encodeShareCode = (file: PresetFile): string =>
  SHARE_CODE_PREFIX + toBase64Url(deflateSync(strToU8(JSON.stringify(file)), { level: 9 }));

/** Decodes and validates a share code (white space around it is ignored); never throws. */
export const decodeShareCode = (input: string): Result<PresetFile> => {
  if (typeof input !== 'string') return fail('invalid_input', 'expected a share code');
  const code = input.trim();
  if (code.length > MAX_SHARE_CODE_CHARS) return fail('invalid_input', 'the share code is too long');
  const version = /^r9s(\d+)\./.exec(code);
  if (!version)
    return fail('invalid_input', `not an r9s Playground share code (they start with "${SHARE_CODE_PREFIX}")`);
  if (!code.startsWith(SHARE_CODE_PREFIX)) {
    return fail(
      'invalid_input',
      `share code version ${version[1]} is not supported; this app reads version 1`,
    );
  }
  const bytes = fromBase64Url(code.slice(SHARE_CODE_PREFIX.length));
  if (!bytes)
    return fail('invalid_input', 'the share code is damaged (unexpected characters) — copy it again');
  const inflated = inflateCapped(bytes, MAX_PRESET_FILE_CHARS);
  if (inflated === 'too-large')
    return fail('invalid_input', 'the share code expands to more than the size limit');
  if (inflated === 'corrupt')
    return fail('invalid_input', 'the share code is damaged (truncated?) — copy it again');
  let text: string;
  try {
    text = strFromU8(inflated);
  } catch {
    return fail('invalid_input', 'the share code is damaged (not UTF-8 text)');
  }
  return parsePresetFile(text);
};

/** Builds the deep link that opens the import preview in the desktop app. */
export const buildImportLink = (code: string): string =>
  `${DEEP_LINK_PROTOCOL}//import?code=${encodeURIComponent(code)}`;

/** Builds the web-mode link that opens the import preview in the playground served at `origin`. */
export const buildWebImportLink = (origin: string, code: string): string =>
  `${origin}/?import=${encodeURIComponent(code)}`;

/** Extracts the share code of an `r9s-playground://import?code=…` link; undefined for any other URL. */
export const parseImportLink = (link: string): string | undefined => {
  if (typeof link !== 'string' || link.length > MAX_SHARE_CODE_CHARS + 100) return undefined;
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== DEEP_LINK_PROTOCOL) return undefined;
  const target = (url.host || url.pathname.replace(/^\/+/, '')).replace(/\/+$/, '');
  if (target !== 'import') return undefined;
  const code = url.searchParams.get('code');
  return code && code.startsWith('r9s') ? code : undefined;
};

/** Accepts what a user pastes: a share code, an import link, or a web URL with `?import=<code>`. */
export const extractShareCode = (pasted: string): string | undefined => {
  const text = typeof pasted === 'string' ? pasted.trim() : '';
  if (/^r9s\d+\./.test(text)) return text;
  const fromLink = parseImportLink(text);
  if (fromLink) return fromLink;
  try {
    const code = new URL(text).searchParams.get('import');
    return code ?? undefined;
  } catch {
    return undefined;
  }
};
