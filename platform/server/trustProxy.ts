import { isIP } from 'node:net';

/**
 * Which reverse proxies may name the client in X-Forwarded-For. Behind a proxy every citizen would
 * otherwise share the proxy's address, and the public lookup's per-IP limit would lock everybody out
 * at once; trusting the header from anyone else would let a caller pick its own address and dodge
 * the limit. So: off unless IT lists the proxies, as addresses or CIDR ranges
 * (`NIN1_TRUST_PROXY=10.0.0.5,10.1.0.0/16`); anything else stops the start with a zh-TW message.
 */
export function trustProxyFromEnv(env: NodeJS.ProcessEnv = process.env): string | false {
  const raw = env.NIN1_TRUST_PROXY?.trim();
  if (!raw) return false;
  const entries = raw.split(',').map((s) => s.trim());
  const bad = entries.filter((e) => !isAddressOrRange(e));
  if (bad.length > 0) throw new Error(`NIN1_TRUST_PROXY 格式不正確：${bad.map((b) => `「${b}」`).join('、')}（應為以逗號分隔的 IP 位址或 CIDR，例如 10.0.0.5,10.1.0.0/16）`);
  return entries.join(',');
}

function isAddressOrRange(entry: string): boolean {
  const [address, bits, ...rest] = entry.split('/');
  if (rest.length > 0 || !address) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d{1,3}$/.test(bits) && n <= (family === 4 ? 32 : 128);
}
