import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { EnrollRequest, EnrollResponse } from '../../shared/platform/wire';
import type { Clock } from '../../electron/services/clock';
import type { EnrolCodeRecord, PlatformStore, TokenRecord } from '../store/repository';
import { subjectOf } from './principal';
import { keyIdOf } from '../../electron/services/signing/ed25519';
import { signToken, type Claims } from './token';

/**
 * Enrolment: an admin issues a one-time code for one workstation (office + workstation id) or one
 * agency (optionally one client id); the client trades it once for a signed token. Only the code's
 * sha256 is stored, so a copy of the database does not hold usable codes.
 */
export type EnrolTarget =
  /** senderAgency: the office's own agency in the catalogue (e.g. KH-HR-FS); the only sender its envelopes may name. */
  | { kind: 'workstation'; officeCode: string; workstationId: string; senderAgency?: string | null }
  | { kind: 'agency'; agencyCode: string; clientId?: string | null };

export const hashCode = (code: string): string => createHash('sha256').update(code.trim().toUpperCase()).digest('hex');

/** 16 characters from an alphabet without 0/O/1/I, grouped `XXXX-XXXX-XXXX-XXXX` for reading aloud over the phone. */
export function newEnrolCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(16);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

export async function issueEnrolCode(
  store: PlatformStore,
  clock: Clock,
  target: EnrolTarget,
  opts: { code?: string; reusable?: boolean; ttlHours?: number; actor?: string } = {},
): Promise<{ code: string; expiresAt: string }> {
  const now = clock.now();
  const code = opts.code ?? newEnrolCode();
  const expiresAt = new Date(now.getTime() + (opts.ttlHours ?? 72) * 3600_000).toISOString();
  const rec: EnrolCodeRecord = {
    codeHash: hashCode(code),
    kind: target.kind,
    officeCode: target.kind === 'workstation' ? target.officeCode : null,
    workstationId: target.kind === 'workstation' ? target.workstationId : null,
    // A workstation code's agency_code is its office's sender agency (the token inherits it at redemption).
    agencyCode: target.kind === 'agency' ? target.agencyCode : (target.senderAgency ?? null),
    clientId: target.kind === 'agency' ? (target.clientId ?? null) : null,
    reusable: opts.reusable ?? false,
    createdAt: now.toISOString(),
    expiresAt,
    usedAt: null,
  };
  const who = target.kind === 'workstation' ? `${target.officeCode}/${target.workstationId}` : `${target.agencyCode}/${target.clientId ?? '*'}`;
  const detail = { reusable: rec.reusable, expiresAt, ...(target.kind === 'workstation' ? { senderAgency: rec.agencyCode } : {}) };
  await store.addEnrolCode(rec, { at: rec.createdAt, actor: opts.actor ?? 'admin:cli', action: 'enrol-code.issue', target: `${target.kind}:${who}`, detail });
  return { code, expiresAt };
}

const admits = (req: EnrollRequest['client'], nowIso: string) => (r: EnrolCodeRecord): boolean => {
  if (r.expiresAt <= nowIso || r.kind !== req.kind) return false;
  if (req.kind === 'workstation') return r.officeCode === req.officeCode && r.workstationId === req.workstationId;
  return r.agencyCode === req.agencyCode && (r.clientId === null || r.clientId === req.clientId);
};

function tokenFor(kind: Claims['kind'], subject: string, parts: Pick<TokenRecord, 'officeCode' | 'workstationId' | 'agencyCode' | 'clientId'>, now: Date, ttlDays: number): TokenRecord {
  return {
    jti: randomUUID(),
    kind,
    subject,
    ...parts,
    issuedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + ttlDays * 86_400_000).toISOString(),
    revokedAt: null,
  };
}

function sign(rec: TokenRecord, secret: string): string {
  const claims: Claims = {
    sub: rec.subject,
    kind: rec.kind,
    ...(rec.officeCode ? { office: rec.officeCode } : {}),
    ...(rec.workstationId ? { ws: rec.workstationId } : {}),
    ...(rec.agencyCode ? { agency: rec.agencyCode } : {}),
    ...(rec.clientId ? { client: rec.clientId } : {}),
    jti: rec.jti,
    iat: Math.floor(Date.parse(rec.issuedAt) / 1000),
    exp: Math.floor(Date.parse(rec.expiresAt) / 1000),
  };
  return signToken(claims, secret);
}

/** Redeems a code; null when it is unknown, used, expired or issued for another client (one answer for all: no probing). */
export async function enrol(store: PlatformStore, clock: Clock, secret: string, ttlDays: number, req: EnrollRequest, ip: string | null): Promise<EnrollResponse | null> {
  const now = clock.now();
  const c = req.client;
  const rec =
    c.kind === 'workstation'
      ? tokenFor('workstation', subjectOf.workstation(c.officeCode, c.workstationId), { officeCode: c.officeCode, workstationId: c.workstationId, agencyCode: null, clientId: null }, now, ttlDays)
      : tokenFor('agency', subjectOf.agency(c.agencyCode, c.clientId), { officeCode: null, workstationId: null, agencyCode: c.agencyCode, clientId: c.clientId }, now, ttlDays);
  const admitsClient = admits(c, now.toISOString());
  // The sender agency comes from the admin's code record, never from the client's request: the store
  // hands the record to this check inside the redeeming transaction, before the token row is written.
  const bindCode = (r: EnrolCodeRecord): boolean => {
    if (!admitsClient(r)) return false;
    if (r.kind === 'workstation') rec.agencyCode = r.agencyCode;
    return true;
  };
  const signingKey = req.publicKey ? { keyId: keyIdOf(req.publicKey), publicKey: req.publicKey } : undefined;
  const ok = await store.redeemEnrolCode(
    hashCode(req.code),
    bindCode,
    rec,
    { at: rec.issuedAt, actor: rec.subject, action: 'enrol', target: rec.subject, detail: { jti: rec.jti, expiresAt: rec.expiresAt, ip } },
    signingKey,
  );
  return ok ? { token: sign(rec, secret), expiresAt: rec.expiresAt } : null;
}

/** Admin tokens are made on the server itself (CLI with access to the database), never over HTTP. */
export async function issueAdminToken(store: PlatformStore, clock: Clock, secret: string, name: string, ttlDays: number): Promise<EnrollResponse> {
  const rec = tokenFor('admin', subjectOf.admin(name), { officeCode: null, workstationId: null, agencyCode: null, clientId: null }, clock.now(), ttlDays);
  await store.addToken(rec, { at: rec.issuedAt, actor: 'admin:cli', action: 'token.issue-admin', target: rec.subject, detail: { jti: rec.jti } });
  return { token: sign(rec, secret), expiresAt: rec.expiresAt };
}
