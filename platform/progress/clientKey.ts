import { isIPv4, isIPv6 } from 'node:net';

/**
 * The unit a caller is limited by. IPv4: the address. IPv6: its /64, because one subscriber is
 * normally handed a whole /64 and can pick any of its 2^64 addresses; per address, one household
 * could fill the limiter's key table and dodge every limit. An IPv4-mapped IPv6 address is IPv4.
 */
export function clientKeyOf(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  return `${expandIPv6(ip).slice(0, 4).join(':')}::/64`;
}

/** `2001:db8::1` → eight 4-digit lower-case groups (a trailing dotted quad becomes two groups). */
function expandIPv6(ip: string): string[] {
  let s = ip.toLowerCase().replace(/%.*$/, '');
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(s);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number) as [number, number, number, number];
    s = s.slice(0, quad.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = s.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((g) => g.padStart(4, '0'));
}
