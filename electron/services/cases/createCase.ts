import { v7 as uuidv7 } from 'uuid';
import type { CaseDraft, CreatedCase } from '../../../shared/cases/schema';
import { validateDraft, type NormalisedDraft } from '../../../shared/cases/validateDraft';
import { AppFailure } from '../../../shared/result';
import { choicesOf, receiversFor, type Receiver } from '../../../shared/routing';
import { isoFromDate, toRocCompact } from '../../../shared/validators';
import { appendAudit } from '../audit/audit';
import type { Actor, ServiceContext } from '../context';
import { issueProgressCode } from '../progress/store';
import { prepared } from '../db/statements';
import { nextCaseNo } from './caseNumber';

/**
 * Saves one visit as ONE transaction: participants, case, a notification per chosen item with its first
 * event, the outbox rows the sync engine will drain, and the audit entry. After commit nothing can
 * be lost; before commit nothing is visible (tested by killing a process mid-loop).
 */
export function createCase(ctx: ServiceContext, actor: Actor, draft: CaseDraft): CreatedCase {
  const now = ctx.clock.now();
  const today = isoFromDate(now);
  const checked = validateDraft(draft, ctx.catalogue, today);
  if (!checked.ok) {
    const first = checked.errors[0]!;
    throw new AppFailure({ code: 'CASE_INVALID', message: `${first.message}（共 ${checked.errors.length} 項錯誤）`, path: first.path });
  }
  // Each item's office from its address or parcel (issue 14), or the clerk's override of the same kind with a reason.
  const routed = receiversFor(ctx.catalogue, checked.value.items, choicesOf(draft));
  if (!routed.ok) {
    const first = routed.errors[0]!;
    throw new AppFailure({ code: first.code, message: first.message, path: first.path });
  }
  const caseNo = saveCaseTx(ctx, actor, checked.value, routed.value, now.toISOString(), today);
  ctx.logger.info({ caseNo, lifeEvent: checked.value.lifeEvent.code, items: checked.value.items.length }, 'case saved');
  return {
    caseNo,
    items: checked.value.items.map((i) => ({ item: i.item.code, agency: routed.value.get(i.item.code)!.agency.code, ...(i.dueDate ? { dueDate: i.dueDate } : {}) })),
  };
}

function saveCaseTx(ctx: ServiceContext, actor: Actor, d: NormalisedDraft, receivers: ReadonlyMap<string, Receiver>, at: string, today: string): string {
  const { db, config } = ctx;
  const tx = db.transaction(() => {
    const caseNo = nextCaseNo(db, config.officeCode, toRocCompact(today));
    const missing = d.documents.filter((doc) => doc.status === 'missing');
    const caseId = prepared(db,
        `INSERT INTO cases (case_no, office_code, life_event, event_fields, status, clerk_id, catalogue_version, form_version,
           created_at, local_date, language, documents_spared, documents_complete_on)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(caseNo, config.officeCode, d.lifeEvent.code, JSON.stringify(d.fields), missing.length > 0 ? 'awaiting-documents' : 'submitted',
        actor.user.id, ctx.catalogue.version, config.formVersion, at, today, d.language, d.documentsSpared,
        d.documents.length > 0 && missing.length === 0 ? today : null).lastInsertRowid as number;

    // Each participant as given at this visit: a later visit by the same person never rewrites this case.
    const insertParticipant = prepared(db,
      `INSERT INTO participants (case_id, role, seq, person_id, id_kind, name, birth_date, phone, address, relation, title)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    ).pluck(true);
    const participantIds = d.participants.map((p, seq) =>
      insertParticipant.get(caseId, p.role.role, seq, p.id, p.idKind, p.name, p.birthDate, p.phone, p.address, p.relation, p.title) as number,
    );
    const insertDocument = prepared(db, 'INSERT INTO case_documents (case_id, code, name, status, arrived_on) VALUES (?, ?, ?, ?, ?)');
    for (const doc of d.documents) insertDocument.run(caseId, doc.code, doc.name, doc.status, doc.status === 'missing' ? null : today);

    // Office, clerk and life event are copied onto each notification for statistics (migrations 005,
    // 011); given here, the trigger that would otherwise copy them (an extra UPDATE per row) does not fire.
    const insertNotification = prepared(db,
      `INSERT INTO notifications (id, case_id, item_code, kind, receiver_agency, payload, status, created_at, updated_at, stats_office, stats_clerk, stats_life_event)
       VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?)`,
    );
    const insertEvent = prepared(db, `INSERT INTO notification_events (notification_id, status, actor, at) VALUES (?, 'queued', ?, ?)`);
    const insertOutbox = prepared(db, `INSERT INTO outbox (notification_id, created_at) VALUES (?, ?)`);
    for (const { item, fields } of d.items) {
      const id = uuidv7();
      const receiver = receivers.get(item.code)!;
      insertNotification.run(id, caseId, item.code, item.kind, receiver.agency.code, JSON.stringify(fields), at, at, config.officeCode, actor.user.id, d.lifeEvent.code);
      insertEvent.run(id, actor.user.username, at);
      insertOutbox.run(id, at);
      if (receiver.override) {
        // The clerk sent it elsewhere than the service areas say: who, which office instead of which, and why.
        appendAudit(db, {
          at, actorId: actor.user.id, actor: actor.user.username, action: 'notification.route-override', caseNo, personRef: participantIds[0] ?? null,
          detail: { notification: id, item: item.code, routed: receiver.route?.agency.code ?? null, chosen: receiver.agency.code, reason: receiver.override.reason },
          workstation: actor.workstation, ip: actor.ip,
        });
      }
    }

    // The receipt's progress-lookup code (issue 7): made with the case, so a saved case always has one.
    issueProgressCode(db, caseId, caseNo, at, actor.user.username);

    appendAudit(db, {
      at, actorId: actor.user.id, actor: actor.user.username, action: 'case.create', caseNo, personRef: participantIds[0] ?? null,
      detail: { lifeEvent: d.lifeEvent.code, items: d.items.map((i) => i.item.code), participants: d.participants.length },
      workstation: actor.workstation, ip: actor.ip,
    });
    return caseNo;
  });
  return tx.immediate();
}
