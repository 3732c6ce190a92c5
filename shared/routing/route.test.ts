import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../electron/services/catalogue/loadCatalogue';
import { resourcePath } from '../../electron/services/resources';
import { districtsOf } from '../address/divisions';
import type { Catalogue } from '../catalogue/schema';
import { officesFor, resolveReceiver, routeItem, routingProblems } from './index';

const catalogue = loadCatalogue(resourcePath('catalogue'));
const item = (code: string) => catalogue.items.find((i) => i.code === code)!;

describe('routing by jurisdiction (issue 14 §1)', () => {
  it('finding 1: every 高雄市 district has exactly one office of each routed kind (戶政, 地政, 監理, 公所)', () => {
    const districts = districtsOf('高雄市');
    expect(districts.filter((d) => d.endsWith('區'))).toHaveLength(38);
    for (const kind of ['household', 'land', 'motor', 'township'] as const) {
      for (const district of districts) expect(officesFor(catalogue.agencies, kind, { city: '高雄市', district }), `${kind} ${district}`).toHaveLength(1);
    }
    const count = (kind: string) => catalogue.agencies.filter((a) => a.kind === kind).length;
    expect({ household: count('household'), township: count('township'), land: count('land'), motor: count('motor') }).toEqual({ household: 38, township: 38, land: 12, motor: 2 });
    expect(routingProblems(catalogue)).toEqual([]);
  });

  it('finding 1: 地政 住址變更 goes to the land office of the NEW address; 監理 and 公所 follow the address too', () => {
    const route = (code: string, payload: Record<string, unknown>) => {
      const r = routeItem(catalogue, code, payload);
      if (!r.ok) throw new Error(r.error.message);
      return r.route;
    };
    expect(route('N04', { registeredAddress: '高雄市岡山區岡山路100號' })).toMatchObject({ agency: { code: 'KH-LAND-GANGSHAN' }, basis: 'area', place: { district: '岡山區' } });
    expect(route('N04', { registeredAddress: '高雄縣鳳山市光復路二段132號' }).agency.code).toBe('KH-LAND-FS');
    expect(route('N08', { registeredAddress: '高雄市苓雅區四維三路2號' }).agency.code).toBe('THB-KHC-MV');
    expect(route('N08', { registeredAddress: '高雄市旗山區中山路1號' }).agency.code).toBe('THB-KH-MV');
    expect(route('A01', { householdAddress: '高雄縣三民鄉民權村1號' }).agency.name).toBe('高雄市那瑪夏區公所');
    expect(route('A02', { householdAddress: '高雄市楠梓區高雄大學路700號' }).agency.name).toBe('高雄市楠梓區戶政事務所');
    expect(route('D04', { parcels: ['鳳山段一小段123地號', '林園區王公廟段45地號'] })).toMatchObject({ agency: { code: 'KH-LAND-DL' }, place: { district: '林園區' } });
    // Nothing to route by: the item's default office, said so; an unrouted item keeps its fixed receiver.
    expect(route('D09', {})).toMatchObject({ agency: { code: 'KH-TOWN-FS' }, basis: 'default' });
    expect(route('N01', { mailingAddress: '臺北市大安區羅斯福路四段1號' })).toMatchObject({ agency: { code: 'KH-TAX' }, basis: 'fixed' });
  });

  it('finding 1: an address outside every area is a zh-TW error, not a guess', () => {
    const r = routeItem(catalogue, 'N04', { registeredAddress: '臺北市大安區羅斯福路四段1號' });
    expect(r).toMatchObject({ ok: false, error: { code: 'ROUTE_OUTSIDE_AREA', message: expect.stringContaining('不在任何地政機關的轄區內') } });
  });

  it('finding 1: the clerk may override with a reason, only with an agency of the same kind', () => {
    const payload = { registeredAddress: '高雄市岡山區岡山路100號' };
    const ok = resolveReceiver(catalogue, item('N04'), payload, { agency: 'KH-LAND-LZ', agencyReason: '土地位於路竹，民眾要求' });
    expect(ok).toMatchObject({ ok: true, value: { agency: { code: 'KH-LAND-LZ' }, route: { agency: { code: 'KH-LAND-GANGSHAN' } }, override: { reason: '土地位於路竹，民眾要求' } } });
    expect(resolveReceiver(catalogue, item('N04'), payload, { agency: 'KH-TAX', agencyReason: '理由充分' })).toMatchObject({ ok: false, error: { code: 'ROUTE_OVERRIDE_KIND' } });
    expect(resolveReceiver(catalogue, item('N04'), payload, { agency: 'KH-LAND-LZ' })).toMatchObject({ ok: false, error: { code: 'ROUTE_OVERRIDE_REASON' } });
    expect(resolveReceiver(catalogue, item('N04'), payload, { agency: 'NOPE' })).toMatchObject({ ok: false, error: { code: 'ROUTE_OVERRIDE_UNKNOWN' } });
    // An address outside every area is settled by choosing an office.
    const outside = { registeredAddress: '臺北市大安區羅斯福路四段1號' };
    expect(resolveReceiver(catalogue, item('N04'), outside).ok).toBe(false);
    expect(resolveReceiver(catalogue, item('N04'), outside, { agency: 'KH-LAND-FS', agencyReason: '土地在鳳山' })).toMatchObject({ ok: true, value: { agency: { code: 'KH-LAND-FS' }, route: null } });
  });

  it('finding 1: overlapping areas and a routing field that is not an address are catalogue problems', () => {
    const broken: Pick<Catalogue, 'agencies' | 'items'> = {
      agencies: [...catalogue.agencies, { code: 'KH-LAND-X', name: '重疊地政', kind: 'land', serviceAreas: [{ city: '高雄市', districts: ['鳳山區', '不存在區'] }] }],
      items: catalogue.items.map((i) => (i.code === 'N04' ? { ...i, routing: { receiverKind: 'land' as const, by: 'changeType' } } : i)),
    };
    const messages = routingProblems(broken).map((p) => p.message);
    expect(messages).toEqual(expect.arrayContaining([expect.stringContaining('同類機關轄區不可重疊'), expect.stringContaining('沒有「不存在區」'), expect.stringContaining('須為本項目的地址或地號欄位')]));
  });
});
