import { AGENCY_KIND_LABEL, type Agency, type Catalogue, type CatalogueItem } from '../catalogue/schema';
import { receiverKindOf, routeItem, type Route, type RouteFailure } from './route';

/** The clerk's choice of another office for one item, with the reason the audit keeps. */
export type ReceiverOverride = { agency?: string | undefined; agencyReason?: string | undefined };

/** The office an item goes to, and when the clerk chose it, the office the route would have picked and why it was changed. */
export type Receiver = { agency: Agency; route: Route | null; override: { reason: string } | null };
export type ReceiverFailure = { code: RouteFailure['code'] | 'ROUTE_OVERRIDE_UNKNOWN' | 'ROUTE_OVERRIDE_KIND' | 'ROUTE_OVERRIDE_REASON'; message: string };

const REASON_MIN = 2;
const REASON_MAX = 200;

/**
 * What the counter stores as an item's receiving agency: the routed office, or the clerk's
 * override, which must be an agency of the same kind and carry a reason (2–200 characters). An
 * override naming the routed office itself is no override. A route that finds no office (an
 * address outside every area) is the clerk's to settle by choosing one.
 */
export function resolveReceiver(
  catalogue: Pick<Catalogue, 'agencies' | 'items'>,
  item: CatalogueItem,
  payload: Record<string, unknown>,
  choice: ReceiverOverride = {},
): { ok: true; value: Receiver } | { ok: false; error: ReceiverFailure } {
  const routed = routeItem(catalogue, item, payload);
  const route = routed.ok ? routed.route : null;
  if (choice.agency === undefined || choice.agency === '' || choice.agency === route?.agency.code) {
    return routed.ok ? { ok: true, value: { agency: routed.route.agency, route, override: null } } : routed;
  }
  const agency = catalogue.agencies.find((a) => a.code === choice.agency);
  if (!agency) return { ok: false, error: { code: 'ROUTE_OVERRIDE_UNKNOWN', message: `未知的受理機關「${choice.agency}」` } };
  const kind = receiverKindOf(catalogue, item);
  if (agency.kind !== kind) {
    return { ok: false, error: { code: 'ROUTE_OVERRIDE_KIND', message: `「${item.title}」須由${kind ? AGENCY_KIND_LABEL[kind] : ''}機關受理，「${agency.name}」不是` } };
  }
  const reason = (choice.agencyReason ?? '').trim();
  if ([...reason].length < REASON_MIN || [...reason].length > REASON_MAX) {
    return { ok: false, error: { code: 'ROUTE_OVERRIDE_REASON', message: `改選受理機關「${agency.name}」須說明理由（${REASON_MIN}–${REASON_MAX} 字）` } };
  }
  return { ok: true, value: { agency, route, override: { reason } } };
}
