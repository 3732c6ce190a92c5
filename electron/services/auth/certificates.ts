import { X509Certificate } from 'node:crypto';
import { AppFailure } from '../../../shared/result';
import type { WritableDb } from '../db/open';
import { certificateFingerprint } from '../devices/pkcs11/unlockedCard';

/**
 * Enrolled login certificates per user (migration 004). IT enrols a clerk's card once (CLI
 * `enroll-card`, reading the certificate from the card or a file); card login then finds the user by
 * the certificate's SHA-256 fingerprint.
 */
export type EnrolledUser = { id: number; username: string; display_name: string; role: string; office_code: string; active: number };

/** `serialNumber=…` of the subject (a 自然人憑證 carries one), or null. */
const subjectSerial = (subject: string): string | null => /^serialNumber=(.+)$/m.exec(subject)?.[1] ?? null;

export function enrollCertificate(db: WritableDb, input: { userId: number; certDer: Buffer; enrolledBy: string; at: string }): { fingerprint: string; notAfter: string } {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(input.certDer);
  } catch {
    throw new AppFailure({ code: 'CERT_UNREADABLE', message: '無法解析憑證（應為 DER 或 PEM 格式的 X.509 憑證）' });
  }
  const fingerprint = certificateFingerprint(cert.raw);
  const existing = db.prepare('SELECT user_id FROM user_certificates WHERE fingerprint_sha256 = ?').pluck().get(fingerprint) as number | undefined;
  if (existing !== undefined) throw new AppFailure({ code: 'CERT_ALREADY_ENROLLED', message: '此憑證已註冊過，不可重複註冊' });
  const notAfter = new Date(cert.validTo).toISOString();
  db.prepare(
    `INSERT INTO user_certificates (user_id, fingerprint_sha256, subject, subject_serial, issuer, serial_number, not_before, not_after, enrolled_at, enrolled_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(input.userId, fingerprint, cert.subject, subjectSerial(cert.subject), cert.issuer, cert.serialNumber, new Date(cert.validFrom).toISOString(), notAfter, input.at, input.enrolledBy);
  return { fingerprint, notAfter };
}

/** The active user a certificate is enrolled for (not revoked), if any. */
export function findUserByCertificate(db: WritableDb, fingerprint: string): EnrolledUser | undefined {
  return db
    .prepare(
      `SELECT u.id, u.username, u.display_name, u.role, u.office_code, u.active
         FROM user_certificates c JOIN users u ON u.id = c.user_id
        WHERE c.fingerprint_sha256 = ? AND c.revoked_at IS NULL`,
    )
    .get(fingerprint) as EnrolledUser | undefined;
}
