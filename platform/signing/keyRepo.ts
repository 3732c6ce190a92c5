import { appendAuditIn } from '../store/auditLog';
import type { AuditDraft } from '../store/drafts';
import type { SqlDriver, SqlExec } from '../store/sql';

/** A workstation's registered signing key (issue 15); `revokedAt` set by an admin or when the workstation enrols again. */
export type SigningKey = { keyId: string; subject: string; publicKey: string; registeredAt: string; revokedAt: string | null };

export type SigningKeyStore = {
  /** Registers the key for the subject and retires the subject's earlier keys (rotation), with its audit entry, in one transaction. */
  register(key: Omit<SigningKey, 'revokedAt'>, audit: AuditDraft): Promise<void>;
  /** Every key the subject ever registered, revoked ones too (a revoked key must be told apart from an unknown one). */
  ofSubject(subject: string): Promise<SigningKey[]>;
  get(keyId: string): Promise<SigningKey | null>;
  /** Revokes one key or all of a subject's keys; returns how many were revoked. Audited in the same transaction. */
  revoke(by: { keyId: string } | { subject: string }, at: string, audit: AuditDraft): Promise<number>;
};

/** Inside a caller's transaction (enrolment registers the key with the token it issues). */
export async function registerKeyIn(q: SqlExec, k: Omit<SigningKey, 'revokedAt'>, audit: AuditDraft): Promise<void> {
  await q.run('UPDATE signing_keys SET revoked_at = ? WHERE subject = ? AND revoked_at IS NULL', [k.registeredAt, k.subject]);
  await q.run('INSERT INTO signing_keys (key_id, subject, public_key, registered_at, revoked_at) VALUES (?, ?, ?, ?, NULL)', [k.keyId, k.subject, k.publicKey, k.registeredAt]);
  await appendAuditIn(q, audit);
}

type Row = { key_id: string; subject: string; public_key: string; registered_at: string; revoked_at: string | null };
const toKey = (r: Row): SigningKey => ({ keyId: r.key_id, subject: r.subject, publicKey: r.public_key, registeredAt: r.registered_at, revokedAt: r.revoked_at });

export function signingKeysOf(db: SqlDriver): SigningKeyStore {
  return {
    register: (k, audit) => db.tx((q) => registerKeyIn(q, k, audit)),
    ofSubject: async (subject) => (await db.all<Row>('SELECT * FROM signing_keys WHERE subject = ? ORDER BY registered_at', [subject])).map(toKey),
    get: async (keyId) => {
      const r = await db.get<Row>('SELECT * FROM signing_keys WHERE key_id = ?', [keyId]);
      return r ? toKey(r) : null;
    },
    revoke: (by, at, audit) =>
      db.tx(async (q) => {
        const n =
          'keyId' in by
            ? await q.run('UPDATE signing_keys SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL', [at, by.keyId])
            : await q.run('UPDATE signing_keys SET revoked_at = ? WHERE subject = ? AND revoked_at IS NULL', [at, by.subject]);
        await appendAuditIn(q, { ...audit, detail: { ...audit.detail, revoked: n } });
        return n;
      }),
  };
}
