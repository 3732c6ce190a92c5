import type { Migration } from '../migrate';

/**
 * Issue 15 §1: a case saved by a clerk signed in with a certificate card carries the clerk's own
 * signature, made on the card over the RFC 8785 form of the case record as saved (see
 * signing/caseSignature.ts). One per case; the record itself is kept so a later check can say
 * whether the stored case still is what was signed.
 */
export const m018CaseSignatures: Migration = {
  version: 18,
  name: 'case-signatures',
  up: `
    CREATE TABLE case_signatures (
      case_id INTEGER PRIMARY KEY REFERENCES cases(id),
      signed_at TEXT NOT NULL,
      user_id INTEGER NOT NULL REFERENCES users(id),
      certificate TEXT NOT NULL,          -- the card's X.509 certificate, DER base64
      fingerprint TEXT NOT NULL,          -- sha256 of the DER, hex (the enrolment key of the card)
      alg TEXT NOT NULL CHECK (alg IN ('RS256', 'ES256')),
      record TEXT NOT NULL,               -- the canonical JSON the signature covers
      signature TEXT NOT NULL             -- base64url (ES256: r||s)
    ) STRICT;
  `,
};
