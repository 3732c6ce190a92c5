import { v7 as uuidv7 } from 'uuid';
import type { CaseDraft } from '../../../shared/cases/schema';
import { validateDraft, type NormalisedDraft } from '../../../shared/cases/validateDraft';
import { AppFailure } from '../../../shared/result';
import { isoFromDate, toRocCompact } from '../../../shared/validators';
import { appendAudit } from '../audit/audit';
import type { Actor, ServiceContext } from '../context';
import { issueProgressCode } from '../progress/store';
import { nextCaseNo } from './caseNumber';

/**
 * Saves one visit as ONE transaction: person, case, a notification per chosen item with its first
 * event, the outbox rows the sync engine will drain, and the audit entry. After commit nothing can
 * be lost; before commit nothing is visible (tested by killing a process mid-loop).
 */
export function createCase(ctx: ServiceContext, actor: Actor, draft: CaseDraft): { caseNo: string } {
  const now = ctx.clock.now();
  const today = isoFromDate(now);
  const checked = validateDraft(draft, ctx.catalogue, today);
  if (!checked.ok) {
    const first = checked.errors[0]!;
    throw new AppFailure({ code: 'CASE_INVALID', message: `${first.message}（共 ${checked.errors.length} 項錯誤）`, path: first.path });
  }
  const caseNo = saveCaseTx(ctx, actor, checked.value, now.toISOString(), today);
  ctx.logger.info({ caseNo, items: checked.value.items.length }, 'case saved');
  return { caseNo };
}

function saveCaseTx(ctx: ServiceContext, actor: Actor, d: NormalisedDraft, at: string, today: string): string {
  const { db, config } = ctx;
  const tx = db.transaction(() => {
    const personRef = db
      .prepare(
        `INSERT INTO people (person_id, id_kind, name, birth_date, phone, address, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (person_id) DO UPDATE SET name = excluded.name, birth_date = excluded.birth_date,
           phone = COALESCE(excluded.phone, phone), address = excluded.address, updated_at = excluded.updated_at
         RETURNING id`,
      )
      .pluck()
      .get(d.person.id, d.person.idKind, d.person.name, d.person.birthDate, d.person.phone, d.newAddress, at) as number;

    const caseNo = nextCaseNo(db, config.officeCode, toRocCompact(today));
    const caseId = db
      .prepare(
        `INSERT INTO cases (case_no, office_code, person_ref, life_event, old_address, new_address, move_date, has_house_tax_bill,
           status, clerk_id, catalogue_version, form_version, created_at, local_date)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'submitted', ?, ?, ?, ?, ?)`,
      )
      .run(caseNo, config.officeCode, personRef, d.lifeEvent.code, d.oldAddress, d.newAddress, d.moveDate, d.hasHouseTaxBill ? 1 : 0,
        actor.user.id, ctx.catalogue.version, config.formVersion, at, today).lastInsertRowid;

    // Office and clerk are copied onto each notification for statistics (migration 005); given here,
    // the trigger that would otherwise copy them (an extra UPDATE per row) does not fire.
    const insertNotification = db.prepare(
      `INSERT INTO notifications (id, case_id, item_code, kind, receiver_agency, payload, status, created_at, updated_at, stats_office, stats_clerk)
       VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?)`,
    );
    const insertEvent = db.prepare(`INSERT INTO notification_events (notification_id, status, actor, at) VALUES (?, 'queued', ?, ?)`);
    const insertOutbox = db.prepare(`INSERT INTO outbox (notification_id, created_at) VALUES (?, ?)`);
    for (const { item, fields } of d.items) {
      const id = uuidv7();
      insertNotification.run(id, caseId, item.code, item.kind, item.receiverAgency, JSON.stringify(fields), at, at, config.officeCode, actor.user.id);
      insertEvent.run(id, actor.user.username, at);
      insertOutbox.run(id, at);
    }

    // The receipt's progress-lookup code (issue 7): made with the case, so a saved case always has one.
    issueProgressCode(db, caseId, caseNo, at, actor.user.username);

    appendAudit(db, {
      at, actorId: actor.user.id, actor: actor.user.username, action: 'case.create', caseNo, personRef,
      detail: { lifeEvent: d.lifeEvent.code, items: d.items.map((i) => i.item.code) }, workstation: actor.workstation, ip: actor.ip,
    });
    return caseNo;
  });
  return tx.immediate();
}
