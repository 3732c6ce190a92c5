import { evaluateCondition } from '../../../shared/cases/conditions';
import { prefillItemFields } from '../../../shared/cases/prefill';
import type { FieldValue, ParticipantInput } from '../../../shared/cases/schema';
import type { Catalogue } from '../../../shared/catalogue/schema';

type ItemDraft = { code: string; fields: Record<string, FieldValue> };

/**
 * The items a clerk ends up sending for a visit, as the wizard preselects them: every item of the
 * event whose condition holds, each prefilled from the participants and event fields (`from`), plus
 * what the clerk types (`typed`, by item code). Empty prefills are dropped, as the wizard sends them.
 */
export function bundleItems(
  catalogue: Catalogue,
  eventCode: string,
  participants: ParticipantInput[],
  fields: Record<string, FieldValue>,
  typed: Record<string, Record<string, FieldValue>> = {},
): ItemDraft[] {
  const event = catalogue.lifeEvents.find((e) => e.code === eventCode);
  if (!event) throw new Error(`catalogue has no life event ${eventCode}`);
  const source = { participants, fields };
  return event.items
    .filter((ref) => ref.preselected && evaluateCondition(ref.when, fields))
    .map((ref) => {
      const item = catalogue.items.find((i) => i.code === ref.item)!;
      const prefilled = Object.entries(prefillItemFields(item, event, source)).filter(([, v]) => v !== '' && !(Array.isArray(v) && v.length === 0));
      return { code: ref.item, fields: { ...Object.fromEntries(prefilled), ...typed[ref.item] } };
    });
}
