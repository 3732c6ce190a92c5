import type { FieldValue } from '../../../shared/cases/schema';
import type { ItemField } from '../../../shared/catalogue/schema';
import type { ConsentFormModel } from '../../../shared/forms/consentFormModel';
import { formatRocDate, isoFromDate } from '../../../shared/validators';
import type { ServiceContext } from '../context';
import { loadCaseRow, loadNotifications } from './queries';

/** A payload value as printed and shown: 是／否 for booleans, ROC dates for date fields. */
export const display = (field: ItemField | undefined, value: FieldValue): string => {
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (field?.type === 'date' && typeof value === 'string') return formatRocDate(value);
  return String(value);
};

/** Everything the consent form prints for a stored case, resolved to display strings. */
export function buildConsentFormModel(ctx: ServiceContext, caseNo: string): ConsentFormModel {
  const row = loadCaseRow(ctx, caseNo);
  const items = loadNotifications(ctx, row.id).map((n) => {
    const item = ctx.catalogue.items.find((i) => i.code === n.item_code);
    const payload = JSON.parse(n.payload) as Record<string, FieldValue>;
    return {
      code: n.item_code,
      title: item?.title ?? n.item_code,
      receiverName: ctx.catalogue.agencies.find((a) => a.code === n.receiver_agency)?.name ?? n.receiver_agency,
      consentText: item?.consentText ?? '',
      kind: n.kind,
      fields: Object.entries(payload)
        .filter(([, v]) => v !== '')
        .map(([key, v]) => {
          const field = item?.fields.find((f) => f.key === key);
          return { label: field?.label ?? key, value: display(field, v) };
        }),
    };
  });
  return {
    caseNo: row.case_no,
    officeName: ctx.config.officeName,
    clerkName: row.clerk,
    rocDate: formatRocDate(isoFromDate(new Date(row.created_at))),
    lifeEventName: ctx.catalogue.lifeEvents.find((e) => e.code === row.life_event)?.name ?? row.life_event,
    person: { name: row.name, id: row.person_id, birthDate: formatRocDate(row.birth_date), ...(row.phone ? { phone: row.phone } : {}) },
    oldAddress: row.old_address,
    newAddress: row.new_address,
    items,
    formVersion: row.form_version,
  };
}
