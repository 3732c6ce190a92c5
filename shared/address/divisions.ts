/**
 * Administrative divisions: the 22 current 縣市, their 鄉鎮市區 with postal codes (generated table),
 * and the pre-2010/2014 names that still appear on old ID cards and 戶籍謄本.
 */
import { CITY_NAMES, DISTRICTS_BY_CITY, type CityName } from './districts.generated';

export { CITY_NAMES, type CityName };

/**
 * 台 and 臺 are the same character for a reader, but the official names of every 縣市 and of the
 * districts that contain it (臺東市, 臺西鄉, 霧臺鄉, 釣魚臺列嶼) use 臺. We compare names with 台
 * folded to 臺; both characters are one UTF-16 unit, so positions in the folded text still line up
 * with the original.
 */
export const foldTai = (text: string): string => text.replace(/台/g, '臺');

const CITY_SET: ReadonlySet<string> = new Set(CITY_NAMES);

export const isCityName = (name: string): name is CityName => CITY_SET.has(name);

/** 鄉鎮市區 names of one 縣市, longest first so a prefix scan finds 阿里山鄉 before a shorter name. */
const DISTRICT_NAMES_BY_CITY = new Map<CityName, readonly string[]>(
  CITY_NAMES.map((city) => [city, DISTRICTS_BY_CITY[city].map(([d]) => d).sort((a, b) => b.length - a.length)]),
);

export const districtsOf = (city: CityName): readonly string[] => DISTRICT_NAMES_BY_CITY.get(city) ?? [];

export const postalCodeOf = (city: CityName, district: string): string | undefined =>
  DISTRICTS_BY_CITY[city].find(([d]) => d === district)?.[1];

/** Every (縣市, 鄉鎮市區) that carries a name, e.g. 大安區 → 臺北市 and 臺中市. */
export function citiesWithDistrict(district: string): CityName[] {
  return CITY_NAMES.filter((city) => DISTRICTS_BY_CITY[city].some(([d]) => d === district));
}

/** Every (縣市, 鄉鎮市區) that uses a postal code; 300 and 600 are shared by several districts. */
export function districtsWithPostalCode(code: string): { city: CityName; district: string }[] {
  return CITY_NAMES.flatMap((city) => DISTRICTS_BY_CITY[city].filter(([, z]) => z === code).map(([district]) => ({ city, district })));
}

export const postalCodesOf = (city: CityName): ReadonlySet<string> => new Set(DISTRICTS_BY_CITY[city].map(([, z]) => z));

/**
 * Counties merged into (or upgraded to) 直轄市. Their 縣轄市/鎮/鄉 became 區 with the same stem
 * (臺北縣板橋市 → 新北市板橋區), which `mapFormerDistrict` derives. We map rather than reject: the
 * clerk is usually copying an old ID card or 戶籍謄本, and the place has not moved.
 */
export const FORMER_CITIES: Readonly<Record<string, { city: CityName; since: string }>> = {
  臺北縣: { city: '新北市', since: '2010-12-25' },
  臺中縣: { city: '臺中市', since: '2010-12-25' },
  臺南縣: { city: '臺南市', since: '2010-12-25' },
  高雄縣: { city: '高雄市', since: '2010-12-25' },
  桃園縣: { city: '桃園市', since: '2014-12-25' },
};

/**
 * Renames the stem rule cannot derive: the name itself changed, or two districts merged. Keyed by
 * today's 縣市 so that 高雄市三民區 (the old city district) is not confused with 高雄縣三民鄉.
 */
const DISTRICT_RENAMES: Readonly<Partial<Record<CityName, Readonly<Record<string, string>>>>> = {
  高雄市: { 三民鄉: '那瑪夏區' }, // 高雄縣三民鄉 → 那瑪夏鄉 (2008) → 那瑪夏區 (2010)
  嘉義縣: { 吳鳳鄉: '阿里山鄉' }, // renamed 1989
  臺南市: { 中區: '中西區', 西區: '中西區' }, // merged 2004
};

/** Suffixes a 鄉鎮市區 name ends with; old and new names differ only in this character. */
export const DISTRICT_SUFFIXES = ['區', '鄉', '鎮', '市'] as const;

/**
 * Today's name for a 鄉鎮市區 written in an older form within `city`, or undefined. Covers the
 * county-to-municipality upgrades (板橋市 → 板橋區, 岡山鎮 → 岡山區) and later 鎮 → 市 upgrades
 * (苗栗縣頭份鎮 → 頭份市, 彰化縣員林鎮 → 員林市) by swapping the suffix when exactly one district
 * of that city has the same stem.
 */
export function mapFormerDistrict(city: CityName, written: string): string | undefined {
  const renamed = DISTRICT_RENAMES[city]?.[written];
  if (renamed !== undefined) return renamed;
  const stem = written.slice(0, -1);
  if (stem === '' || !(DISTRICT_SUFFIXES as readonly string[]).includes(written.slice(-1))) return undefined;
  const matches = districtsOf(city).filter((d) => d !== written && d.slice(0, -1) === stem && (DISTRICT_SUFFIXES as readonly string[]).includes(d.slice(-1)));
  return matches.length === 1 ? matches[0] : undefined;
}
