import type { Catalogue } from '../../../shared/catalogue/schema';
import { NotificationEnvelope, type EnvelopeContext } from '../../../shared/platform/wire';
import { formatIssuePath } from '../../../shared/zod';
import type { QueueRow } from './outbox';
import { canonicalWithout } from '../../../shared/signing/canonical';
import type { Signer } from '../signing/workstationKey';
import { signBatch } from '../signing/batchSignature';
import { sha256Hex } from '../signing/hashes';
import type { EvidenceRef } from '../../../shared/platform/evidence';

/** Who this counter is on the wire (from the workstation config). */
export type CounterIdentity = { officeCode: string; workstationId: string; agencyCode: string };

export type BuiltEnvelopes = {
  /** `messageHash`: sha256 of the envelope's canonical form as sent (signature included), what its receipt must name. */
  ready: { row: QueueRow; envelope: NotificationEnvelope; messageHash: string }[];
  /** Rows whose envelope breaks the wire schema: they could never be accepted, so they fail here. */
  invalid: { row: QueueRow; reason: string }[];
};

/**
 * Outbox rows → wire envelopes, each checked on its own against the shared schema so one bad row
 * fails alone instead of making the whole batch request invalid. `localSeq` carries the FIFO order.
 */
export function buildEnvelopes(rows: QueueRow[], who: CounterIdentity, catalogue?: Catalogue, signer?: Signer | null, evidence?: ReadonlyMap<string, EvidenceRef[]>): BuiltEnvelopes {
  const out: BuiltEnvelopes = { ready: [], invalid: [] };
  for (const row of rows) {
    const context = catalogue ? contextOf(catalogue, row) : undefined;
    const candidate = {
      id: row.id,
      caseNo: row.case_no,
      officeCode: row.office_code,
      workstationId: who.workstationId,
      senderAgency: who.agencyCode,
      receiverAgency: row.receiver_agency,
      itemCode: row.item_code,
      kind: row.kind,
      payload: JSON.parse(row.payload) as unknown,
      person: { id: row.person_id, name: row.person_name },
      localSeq: row.seq,
      createdAt: row.created_at,
      // Only the salted hash of the receipt code travels; cases without a code simply omit it.
      ...(row.progress_hash ? { progress: { alg: row.progress_alg, salt: row.progress_salt, hash: row.progress_hash, issue: row.progress_issue } } : {}),
      ...(context ? { context } : {}),
      // Issue 14 §2: the consent pages this agency may see, already on the platform; signed with the rest.
      ...(evidence?.has(row.id) ? { evidence: evidence.get(row.id) } : {}),
    };
    const parsed = NotificationEnvelope.safeParse(candidate);
    if (parsed.success) out.ready.push({ row, envelope: parsed.data, messageHash: '' });
    else {
      const issue = parsed.error.issues[0]!;
      out.invalid.push({ row, reason: `資料不符平台格式（${formatIssuePath(issue.path)}：${issue.message}）` });
    }
  }
  // Signed over exactly what is sent (issue 15), one signature for the batch (batchSignature.ts);
  // the platform verifies the same canonical forms. Each envelope is canonicalised once for both.
  const forms = out.ready.map((r) => canonicalWithout(r.envelope, 'signature'));
  const signatures = signer ? signBatch(signer, forms.map((f) => f.unsigned)) : [];
  out.ready = out.ready.map((r, i) => {
    const signature = signatures[i];
    return { row: r.row, envelope: signature ? { ...r.envelope, signature } : r.envelope, messageHash: sha256Hex(forms[i]!.whole(signature)) };
  });
  return out;
}

/** The life event, item title and payload labels from this counter's catalogue (nothing personal). */
function contextOf(catalogue: Catalogue, row: QueueRow): EnvelopeContext | undefined {
  const event = catalogue.lifeEvents.find((e) => e.code === row.life_event);
  const item = catalogue.items.find((i) => i.code === row.item_code);
  if (!event || !item) return undefined;
  return { lifeEvent: event.code, lifeEventName: event.name, itemTitle: item.title, labels: Object.fromEntries(item.fields.map((f) => [f.key, f.label])) };
}
