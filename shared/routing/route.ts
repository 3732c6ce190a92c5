import { AGENCY_KIND_LABEL, type Agency, type AgencyKind, type Catalogue, type CatalogueItem, type ServiceArea } from '../catalogue/schema';
import { placeOf, type Place } from './places';

/**
 * How the office was chosen: `area` from the item's address/parcel, `fixed` for an item that is
 * not routed, `default` for a routed item whose address/parcel was not given (its `receiverAgency`).
 */
export type RouteBasis = 'area' | 'fixed' | 'default';
export type Route = { agency: Agency; basis: RouteBasis; place?: Place };
export type RouteFailure = { code: 'ROUTE_ITEM_UNKNOWN' | 'ROUTE_OUTSIDE_AREA' | 'ROUTE_AMBIGUOUS'; message: string };
export type RouteResult = { ok: true; route: Route } | { ok: false; error: RouteFailure };

export const areaHolds = (area: ServiceArea, place: Place): boolean =>
  (place.city === undefined || area.city === place.city) && (area.districts === undefined || area.districts.includes(place.district));

/** The kind of agency that receives an item: its routing kind, else the kind of its fixed receiver. */
export function receiverKindOf(catalogue: Pick<Catalogue, 'agencies'>, item: CatalogueItem): AgencyKind | undefined {
  return item.routing?.receiverKind ?? catalogue.agencies.find((a) => a.code === item.receiverAgency)?.kind;
}

/** The offices of `kind` whose service area holds `place` (the catalogue check keeps this to one per place). */
export const officesFor = (agencies: readonly Agency[], kind: AgencyKind, place: Place): Agency[] =>
  agencies.filter((a) => a.kind === kind && a.serviceAreas.some((area) => areaHolds(area, place)));

const placeText = (p: Place) => `${p.city ?? ''}${p.district}`;

/**
 * The receiving office of one item, from the item's own payload (the counter when the clerk fills
 * the form and when it saves; the platform checks transfers with the same rule). Pure and cheap:
 * the wizard may call it on every keystroke to show the chosen office before saving.
 */
export function routeItem(catalogue: Pick<Catalogue, 'agencies' | 'items'>, itemOrCode: CatalogueItem | string, payload: Record<string, unknown>): RouteResult {
  const item = typeof itemOrCode === 'string' ? catalogue.items.find((i) => i.code === itemOrCode) : itemOrCode;
  if (!item) return { ok: false, error: { code: 'ROUTE_ITEM_UNKNOWN', message: `未知的服務項目「${String(itemOrCode)}」` } };
  const fixed = catalogue.agencies.find((a) => a.code === item.receiverAgency)!;
  if (!item.routing) return { ok: true, route: { agency: fixed, basis: 'fixed' } };
  const field = item.fields.find((f) => f.key === item.routing!.by);
  const place = field ? placeOf(field.type, payload[field.key]) : undefined;
  if (!place) return { ok: true, route: { agency: fixed, basis: 'default' } };
  const kind = item.routing.receiverKind;
  const offices = officesFor(catalogue.agencies, kind, place);
  if (offices.length === 1) return { ok: true, route: { agency: offices[0]!, basis: 'area', place } };
  const what = `「${item.title}」的${field!.label}「${placeText(place)}」`;
  if (offices.length === 0) {
    return { ok: false, error: { code: 'ROUTE_OUTSIDE_AREA', message: `${what}不在任何${AGENCY_KIND_LABEL[kind]}機關的轄區內，請確認地址或改選受理機關並說明理由` } };
  }
  return { ok: false, error: { code: 'ROUTE_AMBIGUOUS', message: `${what}同時屬於${offices.map((o) => o.name).join('、')}的轄區，請加寫縣市或改選受理機關` } };
}
