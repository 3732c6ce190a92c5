import { createHmac, timingSafeEqual } from 'node:crypto';
import type { TokenKind } from '../../shared/platform/endpoints';

/**
 * Bearer tokens: `nin1.<base64url(claims JSON)>.<base64url(HMAC-SHA256(secret, "nin1." + claims))>`.
 * Small, signed, verifiable without a database round trip for the signature and expiry; the jti is
 * then looked up so one token can be revoked. Expiry is judged by the platform clock only — a
 * counter's clock may be a day off and is never asked.
 */
export type Claims = {
  /** subject, e.g. `workstation:FS01/FS01-W01` */
  sub: string;
  kind: TokenKind;
  office?: string;
  ws?: string;
  agency?: string;
  client?: string;
  jti: string;
  /** issued at / expires, seconds since epoch (platform clock) */
  iat: number;
  exp: number;
};

const PREFIX = 'nin1';

const mac = (secret: string, data: string): Buffer => createHmac('sha256', secret).update(data).digest();

export function signToken(claims: Claims, secret: string): string {
  const body = `${PREFIX}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${body}.${mac(secret, body).toString('base64url')}`;
}

export type VerifyFailure = 'malformed' | 'bad-signature' | 'expired';

/** Checks shape, signature (constant time) and expiry against `nowMs`; the revocation check is the caller's. */
export function verifyToken(token: string, secret: string, nowMs: number): { ok: true; claims: Claims } | { ok: false; reason: VerifyFailure } {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== PREFIX || token.length > 2048) return { ok: false, reason: 'malformed' };
  const body = `${parts[0]}.${parts[1]}`;
  const given = Buffer.from(parts[2]!, 'base64url');
  // Node's decoder skips padding and stray characters, so `sig==` or `sig!` would decode to the same
  // bytes: only the one canonical spelling of the signature is a signature.
  if (given.toString('base64url') !== parts[2]) return { ok: false, reason: 'bad-signature' };
  const expected = mac(secret, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad-signature' };
  let claims: Claims;
  try {
    claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Claims;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof claims.exp !== 'number' || typeof claims.jti !== 'string' || typeof claims.sub !== 'string') return { ok: false, reason: 'malformed' };
  if (claims.exp * 1000 <= nowMs) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
