/**
 * Whether a base URL points at this machine or the local network. The capability check runs by itself only there:
 * a remote endpoint may bill every request, so there it runs only when the user asks.
 */

const isIpv4 = (host: string): boolean => /^\d{1,3}(\.\d{1,3}){3}$/.test(host);

/** Loopback 127/8, RFC 1918 (10/8, 172.16/12, 192.168/16), link-local 169.254/16, and 0.0.0.0 (this host). */
const isPrivateIpv4 = (host: string): boolean => {
  const [a = -1, b = -1] = host.split('.').map(Number);
  return (
    a === 127 ||
    a === 10 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254) ||
    host === '0.0.0.0'
  );
};

/** Loopback ::1, link-local fe80::/10, unique-local fc00::/7 (IPv6's private range), and mapped private IPv4. */
const isPrivateIpv6 = (host: string): boolean => {
  if (host === '::1' || host === '::') return true;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(host);
  if (mapped?.[1]) return isPrivateIpv4(mapped[1]);
  // WHATWG URL writes a mapped address in hex (`::ffff:7f00:1`); turn its last two groups back into IPv4.
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
  if (hex?.[1] && hex[2]) {
    const hi = parseInt(hex[1], 16);
    const lo = parseInt(hex[2], 16);
    return isPrivateIpv4(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
  }
  const first = parseInt(host.split(':')[0] ?? '', 16);
  if (!Number.isFinite(first)) return false;
  return (first & 0xffc0) === 0xfe80 || (first & 0xfe00) === 0xfc00;
};

/**
 * True for loopback, RFC 1918, link-local, `localhost` (and `*.localhost`) and mDNS `*.local` hosts; false for
 * anything else, including a URL that does not parse. The WHATWG parser has already turned forms such as
 * `http://2130706433/` or `http://0x7f.1/` into dotted IPv4, so they are judged by their real address.
 */
export const isPrivateEndpoint = (baseUrl: string): boolean => {
  let host: string;
  try {
    host = new URL(baseUrl.trim()).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (host.startsWith('[') && host.endsWith(']')) return isPrivateIpv6(host.slice(1, -1));
  const name = host.replace(/\.$/, '');
  if (isIpv4(name)) return isPrivateIpv4(name);
  return name === 'localhost' || name.endsWith('.localhost') || name.endsWith('.local');
};
