import type { Agency, Catalogue, CatalogueItem } from '../../shared/catalogue/schema';
import { validateItemFields } from '../../shared/cases/validateDraft';
import { AGENCY_KIND_LABEL } from '../../shared/catalogue/schema';
import { PLATFORM_ERRORS, type PlatformErrorCode } from '../../shared/platform/errors';
import type { NotificationEnvelope, WireError } from '../../shared/platform/wire';

export type CatalogueIndex = { items: Map<string, CatalogueItem>; agencies: Map<string, Agency> };

export const indexCatalogue = (c: Catalogue): CatalogueIndex => ({
  items: new Map(c.items.map((i) => [i.code, i])),
  agencies: new Map(c.agencies.map((a) => [a.code, a])),
});

export const wireError = (code: PlatformErrorCode, message: string, path: string): WireError => ({ code, message: `${PLATFORM_ERRORS[code].message}：${message}`, path });

/**
 * Catalogue checks for one well-formed envelope: known item and agencies, the item's receiver,
 * kind and sender kind, and the payload against the item's fields (the same validator the counter
 * used). Returns the error that rejects this envelope alone, or null.
 */
export function checkEnvelope(e: NotificationEnvelope, cat: CatalogueIndex, path: string): WireError | null {
  const item = cat.items.get(e.itemCode);
  if (!item) return wireError('ITEM_UNKNOWN', `「${e.itemCode}」`, `${path}.itemCode`);
  const receiver = cat.agencies.get(e.receiverAgency);
  if (!receiver) return wireError('AGENCY_UNKNOWN', `接收機關「${e.receiverAgency}」`, `${path}.receiverAgency`);
  const sender = cat.agencies.get(e.senderAgency);
  if (!sender) return wireError('AGENCY_UNKNOWN', `送件機關「${e.senderAgency}」`, `${path}.senderAgency`);
  // A routed item may go to any office of its kind: the counter picked it from the item's address, or
  // the clerk chose another with a reason (issue 14). An unrouted item has exactly one receiver.
  if (item.routing) {
    if (receiver.kind !== item.routing.receiverKind) {
      return wireError('ITEM_MISMATCH', `「${item.title}」應送${AGENCY_KIND_LABEL[item.routing.receiverKind]}機關，「${receiver.name}」不是`, `${path}.receiverAgency`);
    }
  } else if (item.receiverAgency !== e.receiverAgency) {
    return wireError('ITEM_MISMATCH', `「${item.title}」應送「${item.receiverAgency}」`, `${path}.receiverAgency`);
  }
  if (item.kind !== e.kind) return wireError('ITEM_MISMATCH', `「${item.title}」的類別是 ${item.kind}`, `${path}.kind`);
  if (item.senderKind !== sender.kind) return wireError('ITEM_MISMATCH', `「${item.title}」不由「${sender.name}」送出`, `${path}.senderAgency`);
  let first: WireError | null = null;
  validateItemFields(item, e.payload, (key, _code, message) => {
    first ??= wireError('PAYLOAD_INVALID', message, `${path}.payload.${key}`);
  });
  return first;
}
