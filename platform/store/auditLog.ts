import { chainHash, GENESIS_HASH } from '../../electron/services/audit/chain';
import type { AuditDraft } from './drafts';
import type { SqlExec } from './sql';

/**
 * The platform audit: append-only and hash-chained with the counter's chain step. Must run inside a
 * driver transaction (writers are serial, so "last hash" is the chain head).
 */
const fields = (d: AuditDraft): unknown[] => [d.at, d.actor, d.action, d.target ?? null, d.detail ?? null];

export async function appendAuditIn(q: SqlExec, d: AuditDraft): Promise<void> {
  const last = await q.get<{ hash: string }>('SELECT hash FROM audit ORDER BY id DESC LIMIT 1');
  const prev = last?.hash ?? GENESIS_HASH;
  await q.run('INSERT INTO audit (at, actor, action, target, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)', [
    d.at,
    d.actor,
    d.action,
    d.target ?? null,
    d.detail ? JSON.stringify(d.detail) : null,
    prev,
    chainHash(prev, fields(d)),
  ]);
}

type AuditRow = { id: number; at: string; actor: string; action: string; target: string | null; detail: string | null; prev_hash: string; hash: string };

/** Walks the chain; the first row whose link or content does not verify is reported. */
export async function verifyAuditIn(q: SqlExec): Promise<{ ok: true; rows: number } | { ok: false; brokenAt: number }> {
  let prev = GENESIS_HASH;
  let rows = 0;
  let after = 0;
  for (;;) {
    const page = await q.all<AuditRow>('SELECT id, at, actor, action, target, detail, prev_hash, hash FROM audit WHERE id > ? ORDER BY id LIMIT 1000', [after]);
    if (page.length === 0) return { ok: true, rows };
    for (const r of page) {
      const d: AuditDraft = { at: r.at, actor: r.actor, action: r.action, target: r.target, detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null };
      if (r.prev_hash !== prev || r.hash !== chainHash(prev, fields(d))) return { ok: false, brokenAt: r.id };
      prev = r.hash;
      rows++;
      after = r.id;
    }
  }
}
