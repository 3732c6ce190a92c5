/** Keys whose values are secrets wherever they appear (tokens, passwords, PINs, private keys). */
const SECRET_KEY = /token|password|passwd|secret|pin$|privatekey|apikey|credential/i;

/** `https://user:pass@host/…` → `https://***@host/…`: a URL is fine to share, its credentials are not. */
const redactUrl = (s: string): string => s.replace(/^(https?:\/\/)[^/@\s]+@/i, '$1***@');

/** A deep copy with secrets replaced, for the diagnostics bundle and the admin screen. */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? '[已遮蔽]' : redactSecrets(v)]));
  }
  return typeof value === 'string' ? redactUrl(value) : value;
}
