import { parseTaiwanAddress } from '../../../shared/address';
import { AGENCY_KIND_LABEL, type Agency } from '../../../shared/catalogue/schema';
import { AppFailure } from '../../../shared/result';
import { areaHolds, placeOf, routeItem } from '../../../shared/routing';
import { loadCatalogue } from '../../services/catalogue/loadCatalogue';
import { resourcePath } from '../../services/resources';
import { need, type Command } from '../command';

const catalogue = () => loadCatalogue(resourcePath('catalogue'));

const areaText = (a: Agency) => a.serviceAreas.map((s) => `${s.city}${s.districts ? `（${s.districts.join('、')}）` : '全區'}`).join('；') || '全國';

export const agenciesCommand: Command = {
  name: 'agencies',
  usage: 'agencies [--json]                                列出機關、類別與轄區（服務區域）',
  options: { json: { type: 'boolean' } },
  run: (values) => {
    const list = catalogue().agencies.map((a) => ({ code: a.code, name: a.name, kind: a.kind, kindLabel: AGENCY_KIND_LABEL[a.kind], serviceAreas: a.serviceAreas }));
    if (values.json) console.log(JSON.stringify(list));
    else for (const a of catalogue().agencies) console.log(`${a.code}\t${AGENCY_KIND_LABEL[a.kind]}\t${a.name}\t${areaText(a)}`);
    return 0;
  },
};

/**
 * Which office receives an item for an address (or, for a parcel-routed item, a parcel written
 * with its 鄉鎮市區): the same routeItem the counter runs when it saves. An address no office of the
 * item's kind serves is an error (exit 2), also for an unrouted item whose one receiver has areas.
 */
export const routeCommand: Command = {
  name: 'route',
  usage: 'route --item 代碼 --address 地址 [--json]          依轄區判定該項目的受理機關（地號項目可給「鳳山區鳳山段…地號」）',
  options: { item: { type: 'string' }, address: { type: 'string' }, json: { type: 'boolean' } },
  run: (values) => {
    const c = catalogue();
    const code = need(values, 'item');
    const address = need(values, 'address');
    const item = c.items.find((i) => i.code === code);
    if (!item) throw new AppFailure({ code: 'ROUTE_ITEM_UNKNOWN', message: `未知的服務項目「${code}」` });
    const field = item.routing ? item.fields.find((f) => f.key === item.routing!.by)! : undefined;
    const type = field?.type ?? 'address';
    const place = placeOf(type, address);
    if (!place) {
      const parsed = type === 'address' ? parseTaiwanAddress(address) : null;
      throw new AppFailure({ code: 'ROUTE_NO_PLACE', message: parsed && !parsed.ok ? `地址無法判讀：${parsed.message}` : `無法從「${address}」判定鄉鎮市區` });
    }
    const r = routeItem(c, item, field ? { [field.key]: address } : {});
    if (!r.ok) throw new AppFailure(r.error);
    const { agency } = r.route;
    if (agency.serviceAreas.length > 0 && !agency.serviceAreas.some((a) => areaHolds(a, place))) {
      throw new AppFailure({ code: 'ROUTE_OUTSIDE_AREA', message: `「${place.city ?? ''}${place.district}」不在${agency.name}的轄區內（${areaText(agency)}）` });
    }
    const out = { agency: agency.code, name: agency.name, kind: agency.kind, basis: r.route.basis, ...place };
    console.log(values.json ? JSON.stringify(out) : `${item.code} ${item.title} → ${agency.name}（${agency.code}，${place.city ?? ''}${place.district}）`);
    return 0;
  },
};
