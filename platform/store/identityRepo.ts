import { appendAuditIn } from './auditLog';
import type { AuditDraft, EnrolCodeRecord, TokenRecord } from './repository';
import { toEnrolCode, toToken, type EnrolCodeRow, type TokenRow } from './rows';
import type { SqlExec } from './sql';
import { registerKeyIn } from '../signing/keyRepo';

export async function addEnrolCodeIn(q: SqlExec, r: EnrolCodeRecord, audit: AuditDraft): Promise<void> {
  await q.run(
    `INSERT INTO enrol_codes (code_hash, kind, office_code, workstation_id, agency_code, client_id, reusable, created_at, expires_at, used_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)
     ON CONFLICT (code_hash) DO UPDATE SET expires_at = excluded.expires_at, used_at = NULL`,
    [r.codeHash, r.kind, r.officeCode, r.workstationId, r.agencyCode, r.clientId, r.reusable ? 1 : 0, r.createdAt, r.expiresAt],
  );
  await appendAuditIn(q, audit);
}

export async function insertTokenIn(q: SqlExec, t: TokenRecord): Promise<void> {
  await q.run(
    `INSERT INTO tokens (jti, kind, subject, office_code, workstation_id, agency_code, client_id, issued_at, expires_at, revoked_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
    [t.jti, t.kind, t.subject, t.officeCode, t.workstationId, t.agencyCode, t.clientId, t.issuedAt, t.expiresAt],
  );
}

export async function redeemEnrolCodeIn(
  q: SqlExec,
  codeHash: string,
  admits: (r: EnrolCodeRecord) => boolean,
  token: TokenRecord,
  audit: AuditDraft,
  signingKey?: { keyId: string; publicKey: string },
): Promise<boolean> {
  const row = await q.get<EnrolCodeRow>('SELECT * FROM enrol_codes WHERE code_hash = ?', [codeHash]);
  if (!row || !admits(toEnrolCode(row))) return false;
  if (row.reusable !== 1) {
    const marked = await q.run('UPDATE enrol_codes SET used_at = ?, used_by_jti = ? WHERE code_hash = ? AND used_at IS NULL', [token.issuedAt, token.jti, codeHash]);
    if (marked !== 1) return false;
  }
  await insertTokenIn(q, token);
  await appendAuditIn(q, audit);
  // Issue 15: the public key is registered with the credential in the same transaction (no token without its key).
  if (signingKey) {
    await registerKeyIn(q, { ...signingKey, subject: token.subject, registeredAt: token.issuedAt }, { at: token.issuedAt, actor: token.subject, action: 'signing-key.register', target: token.subject, detail: { keyId: signingKey.keyId, jti: token.jti } });
  }
  return true;
}

export async function getTokenIn(q: SqlExec, jti: string): Promise<TokenRecord | null> {
  const row = await q.get<TokenRow>('SELECT * FROM tokens WHERE jti = ?', [jti]);
  return row ? toToken(row) : null;
}

export async function revokeTokensIn(q: SqlExec, by: { jti: string } | { subject: string }, at: string, audit: AuditDraft): Promise<number> {
  const n =
    'jti' in by
      ? await q.run('UPDATE tokens SET revoked_at = ? WHERE jti = ? AND revoked_at IS NULL', [at, by.jti])
      : await q.run('UPDATE tokens SET revoked_at = ? WHERE subject = ? AND revoked_at IS NULL', [at, by.subject]);
  await appendAuditIn(q, { ...audit, detail: { ...audit.detail, revoked: n } });
  return n;
}
