import type { PlatformErrorCode } from '../../shared/platform/errors';
import type { PlatformStore } from '../store/repository';
import type { Principal } from './principal';
import { verifyToken } from './token';

/**
 * `Authorization: Bearer …` → Principal, or the 401 code to answer with. Order: shape and
 * signature (no I/O), expiry by the platform clock, then the token row (exists, not revoked, same
 * subject, its own expiresAt not passed) — so a forged or expired token costs no database read.
 */
export async function authenticate(header: string | undefined, store: PlatformStore, secret: string, nowMs: number): Promise<{ ok: true; principal: Principal } | { ok: false; code: PlatformErrorCode }> {
  if (!header) return { ok: false, code: 'AUTH_MISSING' };
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m) return { ok: false, code: 'AUTH_INVALID' };
  const v = verifyToken(m[1]!, secret, nowMs);
  if (!v.ok) return { ok: false, code: v.reason === 'expired' ? 'AUTH_EXPIRED' : 'AUTH_INVALID' };
  const c = v.claims;
  const row = await store.getToken(c.jti);
  if (!row || row.subject !== c.sub || row.kind !== c.kind) return { ok: false, code: 'AUTH_INVALID' };
  if (row.revokedAt !== null) return { ok: false, code: 'AUTH_REVOKED' };
  // The stored row is the authority on expiry: a token re-signed with a later `exp` (a leaked secret,
  // an old signing bug) still ends when the platform said it would.
  if (!(Date.parse(row.expiresAt) > nowMs)) return { ok: false, code: 'AUTH_EXPIRED' };
  if (c.kind === 'workstation' && row.officeCode && row.workstationId) {
    return { ok: true, principal: { kind: 'workstation', subject: c.sub, jti: c.jti, officeCode: row.officeCode, workstationId: row.workstationId, senderAgency: row.agencyCode } };
  }
  if (c.kind === 'agency' && row.agencyCode && row.clientId) {
    return { ok: true, principal: { kind: 'agency', subject: c.sub, jti: c.jti, agencyCode: row.agencyCode, clientId: row.clientId } };
  }
  if (c.kind === 'admin') return { ok: true, principal: { kind: 'admin', subject: c.sub, jti: c.jti, name: c.sub.slice('admin:'.length) } };
  return { ok: false, code: 'AUTH_INVALID' };
}
