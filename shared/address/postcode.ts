/**
 * A leading 郵遞區號 (`830高雄市…`, `(100)臺北市…`, 3+2 `10048`, 3+3 `100048`). Only its first three
 * digits identify the district, so that is all we check. It is checked, never trusted: a wrong code
 * means the clerk copied from the wrong line, and we would rather ask than silently drop it.
 */
import { districtsWithPostalCode, postalCodeOf, postalCodesOf, type CityName } from './divisions';
import { addressError, messages } from './errors';
import type { TaiwanAddressError } from './types';

/** Digits right before a unit (`100號`) are a house number, not a postal code. */
const LEADING_POSTCODE = /^\(?([0-9]{3})(?:[0-9]{3}|[0-9]{2})?\)?(?![0-9號樓巷弄衖鄰段室之F,-])/;

export function extractPostcode(text: string): { code?: string; consumed: number } {
  const match = LEADING_POSTCODE.exec(text);
  if (match?.[1] === undefined) return { consumed: 0 };
  return { code: match[1], consumed: match[0].length };
}

export type PostcodeCheck = { city?: CityName; district?: string; notes: string[] };

/**
 * Checks `code` against what was written and fills in what was not: with no 縣市 written,
 * 830 alone says 高雄市鳳山區; with 大安區 alone, 106 says 臺北市 rather than 臺中市 (439).
 */
export function checkPostcode(
  code: string,
  city: CityName | undefined,
  district: string | undefined,
  districtCandidates: readonly CityName[] = [],
): PostcodeCheck | TaiwanAddressError {
  const places = districtsWithPostalCode(code);
  if (places.length === 0) return addressError('ADDRESS_UNKNOWN_POSTCODE', messages.unknownPostcode(code));

  if (city !== undefined && district !== undefined) {
    const expected = postalCodeOf(city, district);
    if (expected !== undefined && expected !== code) return addressError('ADDRESS_POSTCODE_MISMATCH', messages.postcodeMismatch(code, `${city}${district}`, expected));
    return { city, district, notes: [] };
  }
  if (city !== undefined) {
    const codes = [...postalCodesOf(city)].sort();
    if (!codes.includes(code)) return addressError('ADDRESS_POSTCODE_MISMATCH', messages.postcodeMismatch(code, city, `${codes[0]}–${codes[codes.length - 1]}`));
    const only = places.length === 1 ? places[0] : undefined;
    return only ? { city, district: only.district, notes: [`依郵遞區號 ${code} 補上${only.district}`] } : { city, notes: [] };
  }
  if (district !== undefined) {
    const match = places.find((p) => p.district === district && districtCandidates.includes(p.city));
    if (match === undefined) {
      const where = districtCandidates.map((c) => `${c}${district}`).join('、');
      return addressError('ADDRESS_POSTCODE_MISMATCH', messages.postcodeMismatch(code, where || district, districtCandidates.map((c) => postalCodeOf(c, district)).join('、')));
    }
    return { city: match.city, district, notes: [`未填縣市，依郵遞區號 ${code} 推定為${match.city}`] };
  }
  const cities = new Set(places.map((p) => p.city));
  const first = places[0];
  if (cities.size !== 1 || first === undefined) return { notes: [] };
  if (places.length === 1) return { city: first.city, district: first.district, notes: [`未填縣市，依郵遞區號 ${code} 推定為${first.city}${first.district}`] };
  return { city: first.city, notes: [`未填縣市，依郵遞區號 ${code} 推定為${first.city}`] };
}
