import { randomBytes } from 'node:crypto';
import { verifyProgressCode } from '../../electron/services/progress/hash';
import { citizenStatusLabel, type ProgressLookupResponse } from '../../shared/progress/lookup';
import { formatRocDateShort } from '../../shared/validators/rocDate';
import type { Catalogue } from '../../shared/catalogue/schema';
import type { PlatformStore } from '../store/repository';

/**
 * A record no code matches (random salt and hash made at start-up): an unknown case is checked
 * against it so that "no such case" does exactly the work of "wrong code" — one indexed read, one
 * HMAC, one timingSafeEqual — and the two answers cannot be told apart by time.
 */
const DUMMY = { salt: randomBytes(16).toString('base64url'), hash: randomBytes(32).toString('base64url') };

/** `2026-11-27T06:05:00Z` → `115/11/27 14:05` (Taipei, no DST). */
export function rocDateTime(iso: string): string {
  const t = new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString();
  return `${formatRocDateShort(t.slice(0, 10))} ${t.slice(11, 16)}`;
}

/**
 * The lookup itself: null for "no data" (unknown case, case without a code, wrong code — the caller
 * answers all three identically), else each agency's item and status, nothing about the person.
 */
export async function lookupProgress(store: PlatformStore, catalogue: Catalogue, caseNo: string, code: string): Promise<ProgressLookupResponse | null> {
  const record = await store.progressRecord(caseNo);
  const known = record !== null && record.alg === 'hmac-sha256-v1';
  const ok = verifyProgressCode(known ? record : DUMMY, caseNo, code);
  if (!ok || !known) return null;
  const agencies = new Map(catalogue.agencies.map((a) => [a.code, a.name]));
  const items = new Map(catalogue.items.map((i) => [i.code, i.title]));
  const rows = await store.progressItems(caseNo);
  return {
    caseNo,
    items: rows.map((r) => ({
      agencyName: agencies.get(r.receiverAgency) ?? r.receiverAgency,
      itemName: items.get(r.itemCode) ?? r.itemCode,
      status: r.status,
      statusLabel: citizenStatusLabel(r.status),
      updatedAt: rocDateTime(r.updatedAt),
    })),
  };
}
