import { CATALOGUE_FILES, type Catalogue } from '../catalogue/schema';
import type { CatalogueProblem } from '../catalogue/validate';
import { CITY_NAMES, districtsOf, type CityName } from '../address/divisions';
import { receiverKindOf } from './route';

const ROUTABLE_TYPES = new Set(['address', 'parcels']);

/**
 * Routing checks the catalogue's schema cannot express: every service area names a real 縣市 and
 * its real 鄉鎮市區; no place is served by two offices of one kind (a route must have one answer);
 * a routed item's `by` is one of its own address/parcel fields, and its fallback `receiverAgency` is
 * of the routed kind.
 */
export function routingProblems(c: Pick<Catalogue, 'agencies' | 'items'>): CatalogueProblem[] {
  const problems: CatalogueProblem[] = [];
  const owner = new Map<string, string>();
  c.agencies.forEach((a, i) => {
    a.serviceAreas.forEach((area, j) => {
      const at = `agencies[${i}].serviceAreas[${j}]`;
      if (!(CITY_NAMES as readonly string[]).includes(area.city)) {
        problems.push({ file: CATALOGUE_FILES.agencies, path: `${at}.city`, message: `「${area.city}」不是現行縣市名稱` });
        return;
      }
      const known = districtsOf(area.city as CityName);
      for (const d of area.districts ?? known) {
        if (!known.includes(d)) problems.push({ file: CATALOGUE_FILES.agencies, path: `${at}.districts`, message: `「${area.city}」沒有「${d}」` });
        const key = `${a.kind}|${area.city}|${d}`;
        const first = owner.get(key);
        if (first && first !== a.code) problems.push({ file: CATALOGUE_FILES.agencies, path: `${at}.districts`, message: `${area.city}${d}已由「${first}」受理（同類機關轄區不可重疊）` });
        else owner.set(key, a.code);
      }
    });
  });
  c.items.forEach((item, i) => {
    if (!item.routing) return;
    const at = `items[${i}].routing`;
    const field = item.fields.find((f) => f.key === item.routing!.by);
    if (!field || !ROUTABLE_TYPES.has(field.type)) {
      problems.push({ file: CATALOGUE_FILES.items, path: `${at}.by`, message: `「${item.routing.by}」須為本項目的地址或地號欄位` });
    }
    const fallbackKind = c.agencies.find((a) => a.code === item.receiverAgency)?.kind;
    if (fallbackKind && fallbackKind !== receiverKindOf(c, item)) {
      problems.push({ file: CATALOGUE_FILES.items, path: `${at}.receiverKind`, message: `預設接收機關「${item.receiverAgency}」不是 ${item.routing.receiverKind} 類機關` });
    }
  });
  return problems;
}
