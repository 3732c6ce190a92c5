import { verify, X509Certificate } from 'node:crypto';
import type { CaseDraft, CreatedCase } from '../../../shared/cases/schema';
import { AppFailure } from '../../../shared/result';
import { canonicalJson } from '../../../shared/signing/canonical';
import { appendAudit } from '../audit/audit';
import { findUserByCertificate } from '../auth/certificates';
import { createCase } from '../cases/createCase';
import { loadParticipants } from '../cases/participants';
import type { Actor, ServiceContext } from '../context';
import type { WritableDb } from '../db/open';
import { signWithCard } from '../devices/pkcs11/cardSign';
import { CardError } from '../devices/pkcs11/errors';
import type { Pkcs11Module } from '../devices/pkcs11/module';

/**
 * Issue 15 §1: what the clerk's card signs when a case is saved — the case as saved, in RFC 8785
 * form: the case row's lasting facts, every participant, and which notification goes to whom. Not
 * the case status (it closes later), nor notification payloads and statuses: 補件 answers amend a
 * payload afterwards and each answer is its own signed message (issue 15 §2).
 */
const CASE_FIELDS = ['case_no', 'office_code', 'life_event', 'event_fields', 'clerk_id', 'created_at', 'local_date', 'catalogue_version', 'form_version', 'language'];

export function caseRecord(db: WritableDb, caseNo: string): { caseId: number; clerkId: number; record: unknown } {
  const row = db.prepare('SELECT * FROM cases WHERE case_no = ?').get(caseNo) as (Record<string, unknown> & { id: number; clerk_id: number }) | undefined;
  if (!row) throw new AppFailure({ code: 'CASE_NOT_FOUND', message: `查無案件「${caseNo}」` });
  const facts = Object.fromEntries(CASE_FIELDS.filter((k) => k in row).map((k) => [k, row[k]]));
  const participants = loadParticipants(db, row.id).map(({ id: _id, ...p }) => {
    const { case_id: _case, ...rest } = p as typeof p & { case_id?: number };
    return rest;
  });
  const notifications = db.prepare('SELECT id, item_code, kind, receiver_agency FROM notifications WHERE case_id = ? ORDER BY id').all(row.id);
  return { caseId: row.id, clerkId: row.clerk_id, record: { format: 'nin1-case-record/1', case: facts, participants, notifications } };
}

/**
 * Signs a saved case on the clerk's card and keeps the signature with the record it covers. The card
 * must be the signed-in clerk's (enrolled to that user) and the case theirs. Audited with the
 * certificate's fingerprint prefix, never the PIN.
 */
export function signCaseWithCard(ctx: ServiceContext, mod: Pkcs11Module, pin: string, actor: Actor, caseNo: string): { fingerprint: string; alg: string } {
  const { caseId, clerkId, record } = caseRecord(ctx.db, caseNo);
  if (clerkId !== actor.user.id) throw new AppFailure({ code: 'CASE_NOT_YOURS', message: `案件「${caseNo}」不是由目前登入的承辦人受理，不能以其憑證卡簽章` });
  if (ctx.db.prepare('SELECT 1 FROM case_signatures WHERE case_id = ?').get(caseId)) throw new AppFailure({ code: 'CASE_ALREADY_SIGNED', message: `案件「${caseNo}」已有承辦人憑證簽章` });
  const text = canonicalJson(record);
  const now = ctx.clock.now();
  const sig = signWithCard(mod, pin, Buffer.from(text), now, (fingerprint) => {
    if (findUserByCertificate(ctx.db, fingerprint)?.id !== actor.user.id) throw CardError.otherUser();
  });
  ctx.db.transaction(() => {
    ctx.db
      .prepare('INSERT INTO case_signatures (case_id, signed_at, user_id, certificate, fingerprint, alg, record, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(caseId, now.toISOString(), actor.user.id, sig.certificateDer.toString('base64'), sig.fingerprint, sig.alg, text, sig.signature.toString('base64url'));
    appendAudit(ctx.db, {
      at: now.toISOString(), actorId: actor.user.id, actor: actor.user.username, action: 'case.card-sign', caseNo,
      detail: { certificate: sig.fingerprint.slice(0, 16), alg: sig.alg }, workstation: actor.workstation, ip: actor.ip,
    });
  }).immediate();
  return { fingerprint: sig.fingerprint, alg: sig.alg };
}

/**
 * The case save of a clerk signed in with a card: the save and its card signature in one
 * transaction, so a card pulled out or a wrong PIN leaves nothing saved (the clerk tries again),
 * and a saved case of a card session always carries the clerk's signature.
 */
export function createCaseSignedWithCard(ctx: ServiceContext, actor: Actor, draft: CaseDraft, card: { mod: Pkcs11Module; pin: string }): CreatedCase {
  return ctx.db.transaction(() => {
    const created = createCase(ctx, actor, draft);
    signCaseWithCard(ctx, card.mod, card.pin, actor, created.caseNo);
    return created;
  }).immediate();
}

export type CaseSignatureCheck =
  | { status: 'unsigned' }
  | { status: 'valid' | 'record-changed' | 'signature-invalid'; signer: string; fingerprint: string; signedAt: string };

/**
 * Checks a case against its card signature: the signature over the kept record with the kept
 * certificate's public key, then the kept record against the case as stored now. Any changed
 * stored fact is `record-changed`; a changed record or signature is `signature-invalid`.
 */
export function verifyCaseSignature(db: WritableDb, caseNo: string): CaseSignatureCheck {
  const { caseId, record } = caseRecord(db, caseNo);
  const row = db.prepare('SELECT * FROM case_signatures WHERE case_id = ?').get(caseId) as
    | { signed_at: string; certificate: string; fingerprint: string; alg: 'RS256' | 'ES256'; record: string; signature: string }
    | undefined;
  if (!row) return { status: 'unsigned' };
  const cert = new X509Certificate(Buffer.from(row.certificate, 'base64'));
  const data = Buffer.from(row.record);
  const signature = Buffer.from(row.signature, 'base64url');
  let ok: boolean;
  try {
    ok = row.alg === 'RS256' ? verify('sha256', data, cert.publicKey, signature) : verify('sha256', data, { key: cert.publicKey, dsaEncoding: 'ieee-p1363' }, signature);
  } catch {
    ok = false;
  }
  const who = { signer: cert.subject, fingerprint: row.fingerprint, signedAt: row.signed_at };
  if (!ok) return { status: 'signature-invalid', ...who };
  return { status: row.record === canonicalJson(record) ? 'valid' : 'record-changed', ...who };
}
