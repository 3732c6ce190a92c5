import { randomBytes } from 'node:crypto';
import { AppFailure } from '../../../shared/result';
import type { WritableDb } from '../db/open';
import type { PlatformClient } from '../platform-client/client';
import { anchoredHeadProblem, logHeadProblem } from '../signing/platformAnswers';
import { auditHashAt } from './anchor';
import { verifyAuditChain } from './audit';

export type AnchoredVerdict =
  | { kind: 'ok'; rows: number; anchored: number }
  /** The platform anchored `expected` as entry `anchored`; the local chain of `rows` entries does not contain it there. */
  | { kind: 'truncated'; expected: string; anchored: number; rows: number }
  | { kind: 'broken'; brokenAt: number; rows: number };

/**
 * `verify-audit --against-platform` (issue 15 §2): the local chain must link (else BROKEN), and must
 * still contain, at the same position, the highest head the platform anchored for this workstation
 * (else TRUNCATED: entries were cut from its end, or the end was rewritten). The question carries a
 * fresh nonce and the bearer token; the answer must be signed by the platform key pinned at
 * enrolment, and the signed log head must reach the anchor's entry. Any failure of those is a typed
 * error (the platform's word could not be trusted), not a verdict on the chain.
 */
export async function verifyAgainstPlatform(db: Pick<WritableDb, 'prepare'>, client: PlatformClient, o: { workstationId: string; pinnedKey: string }): Promise<AnchoredVerdict> {
  const local = verifyAuditChain(db);
  if (!local.ok) return { kind: 'broken', brokenAt: local.brokenAt, rows: local.rows };
  const nonce = randomBytes(18).toString('base64url');
  const anchored = await client.call('auditAnchor', { query: { nonce } });
  const refused = anchoredHeadProblem(anchored, o.pinnedKey, { workstationId: o.workstationId, nonce });
  if (refused) throw new AppFailure(refused);
  const head = await client.call('logHead', {});
  const stale = logHeadProblem(head, o.pinnedKey, anchored.seq);
  if (stale) throw new AppFailure(stale);
  if (anchored.count === 0) return { kind: 'ok', rows: local.rows, anchored: 0 };
  if (anchored.count > local.rows || auditHashAt(db, anchored.count) !== anchored.hash) {
    return { kind: 'truncated', expected: anchored.hash, anchored: anchored.count, rows: local.rows };
  }
  return { kind: 'ok', rows: local.rows, anchored: anchored.count };
}
