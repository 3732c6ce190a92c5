/**
 * The head of an address: 縣市 and 鄉鎮市區, validated against the postal table, with former
 * county names mapped to today's (see divisions.ts for why we map instead of rejecting).
 */
import {
  CITY_NAMES,
  DISTRICT_SUFFIXES,
  FORMER_CITIES,
  citiesWithDistrict,
  districtsOf,
  mapFormerDistrict,
  type CityName,
} from './divisions';
import { addressError, messages } from './errors';
import { NUMERAL_CHARS } from '../text/numerals';
import type { TaiwanAddressError } from './types';

export type Locality = {
  city?: CityName;
  district?: string;
  /** All cities the district could belong to, when the city was not written and the name is shared (大安區). */
  districtCandidates?: CityName[];
  formerDivision?: string;
  notes: string[];
  /** Length of the head consumed, in the (folded) text. */
  consumed: number;
};

/**
 * Country and province prefixes found on old documents (臺灣省臺北縣…, 福建省金門縣…). They carry no
 * information today (臺灣省 and 福建省 were streamlined in 1998/2018), so they are dropped.
 * 臺灣 alone is dropped only before a 縣市 name, because 臺灣大道 is a road.
 */
const PREFIXES = ['中華民國', '臺灣省', '福建省'];

/** A numeral followed by 路/街: `工業區一路`, `園區二路` are roads whose names contain 區, not districts. */
const ROAD_AFTER_TOKEN = new RegExp(`^[${NUMERAL_CHARS}]*(?:路|街|大道)`);
/** Right after a 縣市/鄉鎮市區-looking token, these mean we are already inside a road name (市府路, 大鎮街). */
const ROADISH_NEXT = /^(?:[路街巷弄衖段號]|大道)/;

const cityNamesLongestFirst = [...CITY_NAMES, ...Object.keys(FORMER_CITIES)].sort((a, b) => b.length - a.length);

function stripPrefixes(folded: string): number {
  let pos = 0;
  for (let changed = true; changed; ) {
    changed = false;
    for (const prefix of PREFIXES) {
      if (folded.startsWith(prefix, pos)) {
        pos += prefix.length;
        changed = true;
      }
    }
    if (folded.startsWith('臺灣', pos) && cityNamesLongestFirst.some((c) => folded.startsWith(c, pos + 2))) {
      pos += 2;
      changed = true;
    }
  }
  return pos;
}

/** Candidate 鄉鎮市區-shaped tokens at the start: 1–4 characters then 區/鄉/鎮/市, shortest first. */
function districtTokens(text: string): string[] {
  const tokens: string[] = [];
  for (let end = 2; end <= Math.min(5, text.length); end++) {
    const token = text.slice(0, end);
    if (!/^[\u3400-\u9fff]+$/.test(token)) break;
    if (!(DISTRICT_SUFFIXES as readonly string[]).includes(token.slice(-1))) continue;
    const after = text.slice(end);
    if (ROADISH_NEXT.test(after) || ROAD_AFTER_TOKEN.test(after)) continue;
    tokens.push(token);
  }
  return tokens;
}

/** Exact 鄉鎮市區 names of `city` at the start of the folded text (longest first, so 阿里山鄉 wins). */
const exactDistrict = (city: CityName, folded: string): string | undefined => districtsOf(city).find((d) => folded.startsWith(d));

export function parseLocality(folded: string): Locality | TaiwanAddressError {
  const notes: string[] = [];
  let pos = stripPrefixes(folded);
  let city: CityName | undefined;
  let writtenCity: string | undefined;

  const cityName = cityNamesLongestFirst.find((c) => folded.startsWith(c, pos));
  if (cityName !== undefined) {
    writtenCity = cityName;
    const former = FORMER_CITIES[cityName];
    city = former ? former.city : (cityName as CityName);
    pos += cityName.length;
  }

  const rest = folded.slice(pos);
  if (city !== undefined) {
    const exact = exactDistrict(city, rest);
    if (exact !== undefined) {
      if (writtenCity !== city) {
        notes.push(`「${writtenCity}」已改制為「${city}」`);
        return { city, district: exact, formerDivision: `${writtenCity}${exact}`, notes, consumed: pos + exact.length };
      }
      return { city, district: exact, notes, consumed: pos + exact.length };
    }
    for (const token of districtTokens(rest)) {
      const mapped = mapFormerDistrict(city, token);
      if (mapped !== undefined) {
        notes.push(`舊行政區「${writtenCity}${token}」已對應為現行「${city}${mapped}」`);
        return { city, district: mapped, formerDivision: `${writtenCity}${token}`, notes, consumed: pos + token.length };
      }
      const elsewhere = citiesWithDistrict(token);
      if (elsewhere.length > 0) return addressError('ADDRESS_DISTRICT_NOT_IN_CITY', messages.districtNotInCity(token, city, elsewhere));
    }
    const unknown = districtTokens(rest).find((t) => t.slice(-1) !== '市');
    if (unknown !== undefined) return addressError('ADDRESS_UNKNOWN_DISTRICT', messages.unknownDistrict(unknown, city));
    if (writtenCity !== city) {
      notes.push(`「${writtenCity}」已改制為「${city}」`);
      return { city, formerDivision: writtenCity, notes, consumed: pos };
    }
    return { city, notes, consumed: pos };
  }

  // No 縣市 written: the 鄉鎮市區 alone often identifies it (鳳山區 is only in 高雄市).
  const exactMatches = CITY_NAMES.flatMap((c) => {
    const d = exactDistrict(c, rest);
    return d === undefined ? [] : [{ city: c, district: d }];
  });
  const longest = Math.max(0, ...exactMatches.map((m) => m.district.length));
  const best = exactMatches.filter((m) => m.district.length === longest);
  const first = best[0];
  if (first !== undefined) {
    if (best.length === 1) {
      notes.push(`未填縣市，依「${first.district}」推定為${first.city}`);
      return { city: first.city, district: first.district, notes, consumed: pos + longest };
    }
    return { district: first.district, districtCandidates: best.map((m) => m.city), notes, consumed: pos + longest };
  }
  for (const token of districtTokens(rest)) {
    const mapped = CITY_NAMES.flatMap((c) => {
      const d = mapFormerDistrict(c, token);
      return d === undefined ? [] : [{ city: c, district: d }];
    });
    const only = mapped.length === 1 ? mapped[0] : undefined;
    if (only !== undefined) {
      notes.push(`舊行政區「${token}」已對應為現行「${only.city}${only.district}」`);
      return { city: only.city, district: only.district, formerDivision: token, notes, consumed: pos + token.length };
    }
  }

  // Something shaped like a 縣市 that is not one of the 22 (北京市, 東京都, 臺灣縣). Not 州: 杭州南路
  // and 溫州街 are Taipei roads.
  const cityLike = /^[\u3400-\u9fff]{1,4}?[縣市都省]/.exec(rest)?.[0];
  if (cityLike !== undefined && !ROADISH_NEXT.test(rest.slice(cityLike.length)) && !ROAD_AFTER_TOKEN.test(rest.slice(cityLike.length))) {
    return addressError('ADDRESS_UNKNOWN_CITY', messages.unknownCity(cityLike));
  }
  const unknown = districtTokens(rest).find((t) => t.slice(-1) !== '市');
  if (unknown !== undefined) return addressError('ADDRESS_UNKNOWN_DISTRICT', messages.unknownDistrict(unknown));
  return { notes, consumed: pos };
}
