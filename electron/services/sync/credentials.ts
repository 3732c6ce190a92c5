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
};

export const clientKey = (kind: PlatformCredential['kind'], agencyCode: string | null): string => (kind === 'agency' ? `agency:${agencyCode}` : 'workstation');

type Row = { kind: 'workstation' | 'agency'; agency_code: string | null; client_id: string; url: string; token: string; expires_at: string; enrolled_at: string };
const fromRow = (r: Row, box: SecretBox): PlatformCredential => ({
  kind: r.kind, agencyCode: r.agency_code, clientId: r.client_id, url: r.url, token: box.open(r.token), expiresAt: r.expires_at, enrolledAt: r.enrolled_at,
});

export function saveCredential(db: WritableDb, c: PlatformCredential, box: SecretBox = secretBox()): void {
  db.prepare(
    `INSERT INTO platform_credentials (client_key, kind, agency_code, client_id, url, token, expires_at, enrolled_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (client_key) DO UPDATE SET client_id = excluded.client_id, url = excluded.url, token = excluded.token,
       expires_at = excluded.expires_at, enrolled_at = excluded.enrolled_at`,
  ).run(clientKey(c.kind, c.agencyCode), c.kind, c.agencyCode, c.clientId, c.url, box.seal(c.token), c.expiresAt, c.enrolledAt);
}

export function workstationCredential(db: WritableDb, box: SecretBox = secretBox()): PlatformCredential | null {
  const r = db.prepare("SELECT * FROM platform_credentials WHERE client_key = 'workstation'").get() as Row | undefined;
  return r ? fromRow(r, box) : null;
}

export function agencyCredential(db: WritableDb, agencyCode: string, box: SecretBox = secretBox()): PlatformCredential | null {
  const r = db.prepare('SELECT * FROM platform_credentials WHERE client_key = ?').get(clientKey('agency', agencyCode)) as Row | undefined;
  return r ? fromRow(r, box) : null;
}
