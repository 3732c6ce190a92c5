import type { CaseDetail, CaseSummary, FieldValue, NotificationStatus } from '../../../shared/cases/schema';
import { NOTIFICATION_STATUS_LABEL } from '../../../shared/cases/schema';
import { AppFailure } from '../../../shared/result';
import { isoFromDate, validatePersonId } from '../../../shared/validators';
import { appendAudit } from '../audit/audit';
import type { Actor, ServiceContext } from '../context';
import { maskPersonId, maskPhone } from '../../../shared/privacy/mask';
import { maskName, maySee, PERSON_FIELD_ACCESS } from '../../../shared/auth/personFields';
import type { Role } from '../../../shared/auth/roles';
import { assertMaySearchPeople } from '../accounts/searchScope';
import { withLookupLogged } from '../accounts/accessLog';
import { isOverdue } from '../../../shared/overdue/deadline';
import { CASE_STATUS_LABEL, DOCUMENT_STATUS_LABEL } from '../../../shared/cases/schema';
import { labelledFields } from '../../../shared/cases/display';
import { legalDueDateOf } from '../../../shared/cases/deadlines';
import { isRelation, RELATIONS } from '../../../shared/household/relations';
import { loadParticipants } from './participants';
import { caseEffectiveMonth } from '../../../shared/assistance/effectiveMonth';

const SUMMARY_SELECT = `
  SELECT c.case_no, c.created_at, c.life_event, c.status, p.name, p.person_id, u.display_name AS clerk,
         (SELECT COUNT(*) FROM notifications n WHERE n.case_id = c.id) AS item_count
  FROM cases c JOIN participants p ON p.case_id = c.id AND p.seq = 0 JOIN users u ON u.id = c.clerk_id`;

type SummaryRow = { case_no: string; created_at: string; life_event: string; status: string; name: string; person_id: string | null; clerk: string; item_count: number };

const CASE_NO_PREFIX = /^[A-Z0-9]{2,12}-\d{0,7}(-\d{0,6})?$/;
const SEARCH_LIMIT = 50;

/** Results carry only the person fields the caller's role may see (shared/auth/personFields.ts). */
export function toSummary(ctx: ServiceContext, r: SummaryRow, role: Role): CaseSummary {
  return {
    caseNo: r.case_no,
    createdAt: r.created_at,
    lifeEventName: ctx.catalogue.lifeEvents.find((e) => e.code === r.life_event)?.name ?? r.life_event,
    personName: maySee(role, 'name') ? r.name : maskName(r.name),
    personIdMasked: r.person_id ? maskPersonId(r.person_id) : '',
    itemCount: r.item_count,
    status: r.status,
    clerkName: r.clerk,
  };
}

export function todayCases(ctx: ServiceContext, role: Role): CaseSummary[] {
  const today = isoFromDate(ctx.clock.now());
  const rows = ctx.db
    .prepare(`${SUMMARY_SELECT} WHERE c.local_date = ? AND c.office_code = ? ORDER BY c.id DESC LIMIT 200`)
    .all(today, ctx.config.officeCode) as SummaryRow[];
  return rows.map((r) => toSummary(ctx, r, role));
}

/**
 * One search box for the counter: a case number (or its prefix), a full ID number, or the start of
 * a name, of ANY participant (the deceased, a parent, a household member). Each form hits its own
 * index (case_no UNIQUE, participants_person, participants_name).
 */
export function searchCases(ctx: ServiceContext, actor: Actor, query: string): CaseSummary[] {
  const q = query.trim().normalize('NFKC').toUpperCase();
  const id = validatePersonId(q);
  assertMaySearchPeople(ctx, actor, id.ok || !CASE_NO_PREFIX.test(q)); // issue 7: only counter roles search by ID or name
  let rows: SummaryRow[];
  let by: 'caseNo' | 'personId' | 'name';
  if (id.ok) {
    by = 'personId';
    rows = ctx.db
      .prepare(`${SUMMARY_SELECT} WHERE c.id IN (SELECT case_id FROM participants WHERE person_id = ?) ORDER BY c.id DESC LIMIT ${SEARCH_LIMIT}`)
      .all(id.id) as SummaryRow[];
  } else if (CASE_NO_PREFIX.test(q)) {
    by = 'caseNo';
    rows = ctx.db
      .prepare(`${SUMMARY_SELECT} WHERE c.case_no >= ? AND c.case_no < ? ORDER BY c.case_no DESC LIMIT ${SEARCH_LIMIT}`)
      .all(q, `${q}\u{10FFFF}`) as SummaryRow[];
  } else {
    by = 'name';
    const name = query.trim();
    rows = ctx.db
      .prepare(
        `${SUMMARY_SELECT} WHERE c.id IN (SELECT case_id FROM participants WHERE name >= ? AND name < ? LIMIT ${SEARCH_LIMIT})
         ORDER BY c.id DESC LIMIT ${SEARCH_LIMIT}`,
      )
      .all(name, `${name}\u{10FFFF}`) as SummaryRow[];
  }
  // A search reveals who came to the counter: record it, without the raw ID number.
  appendAudit(ctx.db, {
    at: ctx.clock.now().toISOString(), actorId: actor.user.id, actor: actor.user.username, action: 'case.search',
    detail: { by, query: by === 'personId' && id.ok ? maskPersonId(id.id) : query.trim().slice(0, 40), results: rows.length },
    workstation: actor.workstation, ip: actor.ip,
  });
  return rows.map((r) => toSummary(ctx, r, actor.user.role));
}

type CaseRow = {
  id: number; case_no: string; created_at: string; office_code: string; life_event: string; status: string; clerk: string;
  event_fields: string; language: string | null; documents_spared: number; documents_complete_on: string | null; form_version: string;
  /** The primary participant's row id (what audit rows name as person_ref) and details. */
  person_ref: number; person_id: string | null; name: string; birth_date: string | null; phone: string | null;
};

export function loadCaseRow(ctx: ServiceContext, caseNo: string): CaseRow {
  const row = ctx.db
    .prepare(
      `SELECT c.*, p.id AS person_ref, p.person_id, p.name, p.birth_date, p.phone, u.display_name AS clerk
       FROM cases c JOIN participants p ON p.case_id = c.id AND p.seq = 0 JOIN users u ON u.id = c.clerk_id WHERE c.case_no = ?`,
    )
    .get(caseNo) as CaseRow | undefined;
  if (!row) throw new AppFailure({ code: 'CASE_NOT_FOUND', message: `查無案件「${caseNo}」` });
  return row;
}

export const eventFieldsOf = (row: Pick<CaseRow, 'event_fields'>): Record<string, FieldValue> => JSON.parse(row.event_fields) as Record<string, FieldValue>;

type NotificationRow = { id: string; item_code: string; kind: 'notification' | 'verification'; receiver_agency: string; payload: string; status: NotificationStatus; status_reason: string | null; due_at: string | null; closed_at: string | null };

export function loadNotifications(ctx: ServiceContext, caseId: number): NotificationRow[] {
  return ctx.db.prepare('SELECT * FROM notifications WHERE case_id = ? ORDER BY rowid').all(caseId) as NotificationRow[];
}

const HIDDEN = '（依權限不顯示）';

/** Case detail for the case screen; the view of the person's record (the fields shown) is audited. */
export function getCase(ctx: ServiceContext, actor: Actor, caseNo: string): CaseDetail {
  const row = withLookupLogged(ctx, actor, 'person.view', caseNo, () => loadCaseRow(ctx, caseNo));
  const role = actor.user.role;
  const events = ctx.db.prepare('SELECT status, at, reason FROM notification_events WHERE notification_id = ? ORDER BY id');
  const notifications = loadNotifications(ctx, row.id).map((n) => {
    const item = ctx.catalogue.items.find((i) => i.code === n.item_code);
    return {
      id: n.id,
      itemCode: n.item_code,
      itemTitle: item?.title ?? n.item_code,
      kind: n.kind,
      receiverAgency: n.receiver_agency,
      receiverName: ctx.catalogue.agencies.find((a) => a.code === n.receiver_agency)?.name ?? n.receiver_agency,
      status: n.status,
      statusLabel: NOTIFICATION_STATUS_LABEL[n.status],
      statusReason: n.status_reason,
      // The payload repeats the person's addresses and details: shown only to roles that see them.
      payload: maySee(role, 'addresses') ? (JSON.parse(n.payload) as Record<string, FieldValue>) : {},
      events: events.all(n.id) as { status: NotificationStatus; at: string; reason: string | null }[],
      dueAt: n.due_at,
      overdue: isOverdue(n.due_at, n.closed_at !== null, ctx.clock.now()),
    };
  });
  appendAudit(ctx.db, {
    at: ctx.clock.now().toISOString(), actorId: actor.user.id, actor: actor.user.username, action: 'person.view',
    caseNo, personRef: row.person_ref, detail: { fields: ['idMasked', ...PERSON_FIELD_ACCESS[role]], result: 'shown' }, workstation: actor.workstation, ip: actor.ip,
  });
  const event = ctx.catalogue.lifeEvents.find((e) => e.code === row.life_event);
  const addresses = maySee(role, 'addresses');
  const participants = loadParticipants(ctx.db, row.id).map((p) => ({
    role: p.role,
    roleLabel: event?.participants.find((r) => r.role === p.role)?.label ?? p.role,
    idMasked: p.person_id ? maskPersonId(p.person_id) : '',
    name: maySee(role, 'name') ? p.name : maskName(p.name),
    birthDate: p.birth_date && maySee(role, 'birthDate') ? p.birth_date : '',
    phoneMasked: p.phone && maySee(role, 'phone') ? maskPhone(p.phone) : null,
    address: p.address ? (addresses ? p.address : HIDDEN) : '',
    relation: p.relation,
    relationLabel: p.relation && isRelation(p.relation) ? RELATIONS[p.relation].label : null,
    title: p.title,
  }));
  const documents = ctx.db
    .prepare('SELECT code, name, status, arrived_on FROM case_documents WHERE case_id = ? ORDER BY rowid')
    .all(row.id) as { code: string; name: string; status: 'present' | 'spared' | 'missing'; arrived_on: string | null }[];
  return {
    caseNo: row.case_no,
    createdAt: row.created_at,
    officeCode: row.office_code,
    lifeEvent: row.life_event,
    lifeEventName: event?.name ?? row.life_event,
    status: row.status,
    statusLabel: CASE_STATUS_LABEL[row.status] ?? row.status,
    clerkName: row.clerk,
    person: { idMasked: participants[0]?.idMasked ?? '', name: participants[0]?.name ?? '', birthDate: participants[0]?.birthDate ?? '', phoneMasked: participants[0]?.phoneMasked ?? null },
    participants,
    // Event fields repeat addresses and other personal details: shown only to roles that see addresses.
    fields: addresses && event ? labelledFields(event.fields, eventFieldsOf(row)) : [],
    documents: documents.map((d) => ({ code: d.code, name: d.name, status: d.status, statusLabel: DOCUMENT_STATUS_LABEL[d.status], arrivedOn: d.arrived_on })),
    documentsCompleteOn: row.documents_complete_on,
    effectiveMonth: event?.householdRule === 'socialAssistance' ? caseEffectiveMonth(eventFieldsOf(row).subsidy, row.documents_complete_on) : null,
    documentsSpared: row.documents_spared,
    language: row.language,
    notifications: notifications.map((n) => ({ ...n, legalDueDate: legalDueDateOf(event, n.itemCode, eventFieldsOf(row)) })),
  };
}
