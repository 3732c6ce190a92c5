import { displayValue, labelledFields } from '../../../shared/cases/display';
import { deadlineFrom } from '../../../shared/cases/deadlines';
import type { FieldValue } from '../../../shared/cases/schema';
import type { LifeEvent } from '../../../shared/catalogue/schema';
import type { ConsentFormModel, ScheduleLine } from '../../../shared/forms/consentFormModel';
import { RELATIONS, isRelation } from '../../../shared/household/relations';
import { formatRocDate, isoFromDate } from '../../../shared/validators';
import type { ServiceContext } from '../context';
import { loadParticipants, type ParticipantRow } from './participants';
import { eventFieldsOf, loadCaseRow, loadNotifications } from './queries';

/** A payload value as printed and shown (kept under its old name for the PDF and inbox code). */
export const display = displayValue;

/** Everything the consent form prints for a stored case, resolved to display strings. */
export function buildConsentFormModel(ctx: ServiceContext, caseNo: string): ConsentFormModel {
  const row = loadCaseRow(ctx, caseNo);
  const event = ctx.catalogue.lifeEvents.find((e) => e.code === row.life_event);
  const fields = eventFieldsOf(row);
  const notifications = loadNotifications(ctx, row.id);
  const items = notifications.map((n) => {
    const item = ctx.catalogue.items.find((i) => i.code === n.item_code);
    const payload = JSON.parse(n.payload) as Record<string, FieldValue>;
    return {
      code: n.item_code,
      title: item?.title ?? n.item_code,
      receiverName: ctx.catalogue.agencies.find((a) => a.code === n.receiver_agency)?.name ?? n.receiver_agency,
      consentText: item?.consentText ?? '',
      kind: n.kind,
      fields: Object.entries(payload)
        .filter(([, v]) => v !== '' && !(Array.isArray(v) && v.length === 0))
        .map(([key, v]) => {
          const field = item?.fields.find((f) => f.key === key);
          return { label: field?.label ?? key, value: displayValue(field, v) };
        }),
    };
  });
  const [primary, ...others] = loadParticipants(ctx.db, row.id);
  const roleLabel = (role: string) => event?.participants.find((r) => r.role === role)?.label ?? role;
  const addressKeys = new Set(event?.fields.filter((f) => f.type === 'address' || f.type === 'parcels').map((f) => f.key));
  return {
    caseNo: row.case_no,
    officeName: ctx.config.officeName,
    clerkName: row.clerk,
    rocDate: formatRocDate(isoFromDate(new Date(row.created_at))),
    lifeEventName: event?.name ?? row.life_event,
    person: {
      name: primary?.name ?? '',
      id: primary?.person_id ?? '',
      birthDate: primary?.birth_date ? formatRocDate(primary.birth_date) : '',
      ...(primary?.phone ? { phone: primary.phone } : {}),
      ...(primary && relationText(primary) ? { relation: relationText(primary) } : {}),
    },
    personRole: roleLabel(primary?.role ?? ''),
    participants: others.map((p) => ({
      roleLabel: roleLabel(p.role),
      name: p.name,
      id: p.person_id ?? '',
      birthDate: p.birth_date ? formatRocDate(p.birth_date) : '',
      relation: relationText(p),
    })),
    eventFields: event ? labelledFields(event.fields, fields).map((f) => ({ label: f.label, value: f.value, span: addressKeys.has(f.key) })) : [],
    items,
    schedule: event ? scheduleLines(event, fields, new Set(notifications.map((n) => n.item_code))) : [],
    missingDocuments: (ctx.db.prepare("SELECT name FROM case_documents WHERE case_id = ? AND status = 'missing' ORDER BY rowid").pluck().all(row.id) as string[]),
    formVersion: row.form_version,
  };
}

/** 關係／稱謂 as printed; 稱謂 often repeats the relation (父／父): print it once. */
const relationText = (p: Pick<ParticipantRow, 'relation' | 'title'>): string =>
  [...new Set([p.relation && isRelation(p.relation) ? RELATIONS[p.relation].label : '', p.title ?? ''].filter(Boolean))].join('／');

/** 後續辦理時程: the event's schedule, each with its deadline from the event date and whether this case sent it. */
export function scheduleLines(event: LifeEvent, fields: Record<string, FieldValue>, sentItems: Set<string>): ScheduleLine[] {
  return event.schedule.map((entry) => {
    const deadline = entry.deadline ?? event.items.find((r) => r.item === entry.item)?.deadline;
    const due = deadlineFrom(deadline, fields);
    return {
      title: entry.title,
      agency: entry.agency,
      dueDate: due ? formatRocDate(due) : '',
      basis: deadline?.basis ?? '',
      sent: entry.item !== undefined && sentItems.has(entry.item),
      note: entry.note ?? '',
    };
  });
}
