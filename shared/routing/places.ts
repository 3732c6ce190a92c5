import { parseTaiwanAddress } from '../address';
import { CITY_NAMES, districtsOf, foldTai, mapFormerDistrict, type CityName } from '../address/divisions';
import type { FieldType } from '../catalogue/schema';

/** A 縣市 + 鄉鎮市區 an item concerns. `city` is unknown for a parcel (地號 are written from the 鄉鎮市區 down). */
export type Place = { city?: string; district: string };

/**
 * The place an item's routing field points at: the district of an address (old names such as
 * 高雄縣鳳山市 are mapped by the address parser), or of the first parcel written with its 鄉鎮市區
 * (鳳山區鳳山段一小段123地號). Parcels only name their 段, which is unique only within one land
 * office, so a parcel without its 鄉鎮市區 cannot be placed. Undefined: nothing to route by.
 */
export function placeOf(type: FieldType, value: unknown): Place | undefined {
  if (type === 'address') {
    if (typeof value !== 'string' || value.trim() === '') return undefined;
    const a = parseTaiwanAddress(value);
    return a.ok && a.parts.district ? { ...(a.parts.city ? { city: a.parts.city } : {}), district: a.parts.district } : undefined;
  }
  if (type === 'parcels') {
    const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\n、,，;；]+/) : [];
    for (const entry of list) {
      const place = parcelPlace(foldTai(String(entry).normalize('NFKC').replace(/\s+/g, '')));
      if (place) return place;
    }
  }
  return undefined;
}

/** The 鄉鎮市區 (and 縣市, when written) a parcel starts with; only real names count, so 前鎮段 is no district. */
function parcelPlace(text: string): Place | undefined {
  const city = CITY_NAMES.find((c) => text.startsWith(c));
  const rest = city ? text.slice(city.length) : text;
  for (const c of city ? [city] : CITY_NAMES) {
    const district = districtsOf(c).find((d) => rest.startsWith(d)) ?? formerDistrict(c, rest);
    if (district) return city ? { city, district } : { district };
  }
  return undefined;
}

/** 鳳山市鳳山段… written with the pre-2010 name still names today's 鳳山區. */
function formerDistrict(city: CityName, rest: string): string | undefined {
  const m = /^(\S{1,4}?[鄉鎮市])\S*段/.exec(rest);
  return m ? mapFormerDistrict(city, m[1]!) : undefined;
}
