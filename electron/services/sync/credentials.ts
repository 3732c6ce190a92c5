import type { WritableDb } from '../db/open';
import { secretBox, type SecretBox } from './secretBox';

/**
 * A platform credential this install holds: its own workstation's, and on an agency workstation
 * one per agency whose inbox its users work. Stored in the local database (migration 002); the
 * token is a bearer secret: sealed by the secret box (OS key store in Electron, secretBox.ts), and
 * the database file itself is 0600.
 */
export type PlatformCredential = {
  kind: 'workstation' | 'agency';
  agencyCode: string | null;
  clientId: string;
  url: string;
  token: string;
  expiresAt: string;
  enrolledAt: string;
  /** The platform's public key pinned at enrolment (issue 15; migration 016); null when enrolled before. */
  platformKey?: string | null;
};

export const clientKey = (kind: PlatformCredential['kind'], agencyCode: string | null): string => (kind === 'agency' ? `agency:${agencyCode}` : 'workstation');

type Row = { kind: 'workstation' | 'agency'; agency_code: string | null; client_id: string; url: string; token: string; expires_at: string; enrolled_at: string; platform_key: string | null };
const fromRow = (r: Row, box: SecretBox): PlatformCredential => ({
  kind: r.kind, agencyCode: r.agency_code, clientId: r.client_id, url: r.url, token: box.open(r.token), expiresAt: r.expires_at, enrolledAt: r.enrolled_at, platformKey: r.platform_key,
});

export function saveCredential(db: WritableDb, c: PlatformCredential, box: SecretBox = secretBox()): void {
  db.prepare(
    `INSERT INTO platform_credentials (client_key, kind, agency_code, client_id, url, token, expires_at, enrolled_at, platform_key)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (client_key) DO UPDATE SET client_id = excluded.client_id, url = excluded.url, token = excluded.token,
       expires_at = excluded.expires_at, enrolled_at = excluded.enrolled_at, platform_key = excluded.platform_key`,
  ).run(clientKey(c.kind, c.agencyCode), c.kind, c.agencyCode, c.clientId, c.url, box.seal(c.token), c.expiresAt, c.enrolledAt, c.platformKey ?? null);
}

/**
 * The platform key pinned with this workstation's credential, or null (not enrolled, or enrolled
 * before keys were pinned). Read without opening the token, so it works on a read-only connection.
 */
export function pinnedPlatformKey(db: Pick<WritableDb, 'prepare'>): string | null {
  return (db.prepare("SELECT platform_key FROM platform_credentials WHERE client_key = 'workstation'").pluck().get() as string | null | undefined) ?? null;
}

export function workstationCredential(db: WritableDb, box: SecretBox = secretBox()): PlatformCredential | null {
  const r = db.prepare("SELECT * FROM platform_credentials WHERE client_key = 'workstation'").get() as Row | undefined;
  return r ? fromRow(r, box) : null;
}

export function agencyCredential(db: WritableDb, agencyCode: string, box: SecretBox = secretBox()): PlatformCredential | null {
  const r = db.prepare('SELECT * FROM platform_credentials WHERE client_key = ?').get(clientKey('agency', agencyCode)) as Row | undefined;
  return r ? fromRow(r, box) : null;
}
