import type { CertificateView } from '../../../shared/accounts/schema';
import { AppFailure } from '../../../shared/result';
import { appendAudit } from '../audit/audit';
import { enrollCertificate } from '../auth/certificates';
import type { ServiceContext } from '../context';
import { assertMayAdminister, loadUser } from './accounts';
import { auditBase, type AdminActor } from './actor';

/**
 * Certificate enrolment from the admin screen: the same logic as the `enroll-card` CLI
 * (auth/certificates.ts), fed with an uploaded .pem/.cer/.crt instead of the card.
 */

/** PEM text (one or more certificates) or a DER file's bytes as base64. */
export function certificatesFromUpload(text: string): Buffer[] {
  const pem = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
  if (pem) return pem.map((p) => Buffer.from(p.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64'));
  const compact = text.replace(/\s/g, '');
  if (compact.length > 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return [Buffer.from(compact, 'base64')];
  throw new AppFailure({ code: 'CERT_UNREADABLE', message: '無法解析憑證（應為 DER 或 PEM 格式的 X.509 憑證）', path: 'certificate' });
}

type CertRow = {
  id: number; subject: string; issuer: string; serial_number: string; fingerprint_sha256: string; not_before: string; not_after: string;
  enrolled_at: string; enrolled_by: string; revoked_at: string | null;
};

const toView = (r: CertRow): CertificateView => ({
  id: r.id, subject: r.subject, issuer: r.issuer, serialNumber: r.serial_number, fingerprint: r.fingerprint_sha256,
  notBefore: r.not_before, notAfter: r.not_after, enrolledAt: r.enrolled_at, enrolledBy: r.enrolled_by, revokedAt: r.revoked_at,
});

export function listCertificates(ctx: ServiceContext, actor: AdminActor, userId: number): CertificateView[] {
  const u = loadUser(ctx.db, userId);
  assertMayAdminister(actor, { role: u.role, officeCode: u.office_code });
  return (ctx.db.prepare('SELECT * FROM user_certificates WHERE user_id = ? ORDER BY id DESC').all(userId) as CertRow[]).map(toView);
}

export function enrolCertificates(ctx: ServiceContext, actor: AdminActor, input: { userId: number; certificate: string }): CertificateView[] {
  const ders = certificatesFromUpload(input.certificate);
  const at = ctx.clock.now().toISOString();
  ctx.db.transaction(() => {
    const u = loadUser(ctx.db, input.userId);
    assertMayAdminister(actor, { role: u.role, officeCode: u.office_code });
    for (const der of ders) {
      const { fingerprint, notAfter } = enrollCertificate(ctx.db, { userId: u.id, certDer: der, enrolledBy: actor.username, at });
      appendAudit(ctx.db, { ...auditBase(actor, at), action: 'certificate.enrol', detail: { username: u.username, certificate: fingerprint.slice(0, 16), notAfter } });
    }
  }).immediate();
  return listCertificates(ctx, actor, input.userId);
}

export function revokeCertificate(ctx: ServiceContext, actor: AdminActor, certificateId: number): CertificateView[] {
  const at = ctx.clock.now().toISOString();
  const userId = ctx.db.transaction(() => {
    const c = ctx.db.prepare('SELECT user_id, fingerprint_sha256, revoked_at FROM user_certificates WHERE id = ?').get(certificateId) as
      | { user_id: number; fingerprint_sha256: string; revoked_at: string | null }
      | undefined;
    if (!c) throw new AppFailure({ code: 'CERT_UNKNOWN', message: `找不到憑證（編號 ${certificateId}）` });
    const u = loadUser(ctx.db, c.user_id);
    assertMayAdminister(actor, { role: u.role, officeCode: u.office_code });
    if (c.revoked_at !== null) throw new AppFailure({ code: 'CERT_ALREADY_REVOKED', message: '此憑證已撤銷' });
    ctx.db.prepare('UPDATE user_certificates SET revoked_at = ? WHERE id = ?').run(at, certificateId);
    appendAudit(ctx.db, { ...auditBase(actor, at), action: 'certificate.revoke', detail: { username: u.username, certificate: c.fingerprint_sha256.slice(0, 16) } });
    return u.id;
  }).immediate();
  return listCertificates(ctx, actor, userId);
}
