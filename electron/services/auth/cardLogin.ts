import type { SessionUser } from '../../../shared/contract/api';
import { Role } from '../../../shared/auth/roles';
import { AppFailure } from '../../../shared/result';
import { appendAudit } from '../audit/audit';
import type { ServiceContext } from '../context';
import { CardError } from '../devices/pkcs11/errors';
import type { Pkcs11Module } from '../devices/pkcs11/module';
import { proveCardHolder, type CardIdentity } from '../devices/pkcs11/proveCardHolder';
import { findUserByCertificate } from './certificates';

type Origin = { workstation: string; ip: string | null };

/**
 * Card + PIN login (DESIGN.md §8): the card proves its holder (devices/pkcs11/proveCardHolder.ts),
 * the certificate must be enrolled for an active user. Success and every failure are audited with
 * the error code and a fingerprint prefix — never the PIN or the certificate subject.
 */
export function loginWithCard(ctx: ServiceContext, mod: Pkcs11Module, pin: string, origin: Origin, action: 'session.login' | 'session.unlock' = 'session.login'): { user: SessionUser; identity: CardIdentity } {
  const at = ctx.clock.now();
  let identity: CardIdentity;
  try {
    identity = proveCardHolder(mod, pin, at, (fingerprint) => {
      const row = findUserByCertificate(ctx.db, fingerprint);
      if (!row || row.active !== 1) throw CardError.notEnrolled();
    });
  } catch (e) {
    const code = e instanceof AppFailure ? e.error.code : 'INTERNAL';
    appendAudit(ctx.db, { at: at.toISOString(), actorId: null, actor: 'card', action: `${action}-failed`, detail: { method: 'card', code }, workstation: origin.workstation, ip: origin.ip });
    throw e;
  }
  const row = findUserByCertificate(ctx.db, identity.fingerprint)!;
  const user: SessionUser = { id: row.id, username: row.username, displayName: row.display_name, role: Role.parse(row.role), officeCode: row.office_code };
  appendAudit(ctx.db, {
    at: at.toISOString(), actorId: row.id, actor: row.username, action,
    detail: { method: 'card', certificate: identity.fingerprint.slice(0, 16) }, workstation: origin.workstation, ip: origin.ip,
  });
  return { user, identity };
}
