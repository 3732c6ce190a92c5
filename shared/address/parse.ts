/**
 * parseTaiwanAddress: text in, parts + canonical string or a coded zh-TW error out. Never throws:
 * it runs on every keystroke of the case form and inside the platform's request validation.
 *
 * Pipeline: normalise text → cheap rejections (empty, too long, odd characters, no 號) → postal code
 * → 縣市/鄉鎮市區 → street part → cross-check postal code → canonical form.
 */
import { formatCanonicalAddress } from './canonical';
import { foldTai, postalCodeOf, postalCodesOf, type CityName } from './divisions';
import { MAX_ADDRESS_LENGTH, addressError, messages } from './errors';
import { parseLocality } from './locality';
import { normalizeAddressText } from './normalize';
import { checkPostcode, extractPostcode } from './postcode';
import { parseStreet } from './street';
import type { TaiwanAddressParts, TaiwanAddressResult } from './types';

/** What may remain after normalisation: CJK, digits, Latin letters (5F, B1, A室), 之-dash, parentheses (postal code). */
const DISALLOWED = /[^\u3400-\u9fff\uf900-\ufaff0-9A-Z\-(),〇○]/gu;

export function parseTaiwanAddress(input: string): TaiwanAddressResult {
  const known = recent.get(input);
  if (known) return known;
  let result: TaiwanAddressResult;
  try {
    result = deepFreeze(parse(input));
  } catch {
    // Defensive only: every known failure is returned as a value. A crash must not lose the form.
    return addressError('ADDRESS_INTERNAL', messages.internal());
  }
  if (typeof input === 'string' && input.length <= MAX_ADDRESS_LENGTH) {
    if (recent.size >= RECENT_MAX) recent.delete(recent.keys().next().value!);
    recent.set(input, result);
  }
  return result;
}

/**
 * The same address is parsed again and again: every item of a case carries it (the platform checks
 * each envelope's fields, and a 遷徙 case has five), and a form is validated on each step. Results
 * are pure, so the most recent are kept, frozen so no caller can change another's.
 */
const RECENT_MAX = 2_000;
const recent = new Map<string, TaiwanAddressResult>();

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function parse(input: string): TaiwanAddressResult {
  if (typeof input !== 'string') return addressError('ADDRESS_EMPTY', messages.empty());
  if (input.length > MAX_ADDRESS_LENGTH) return addressError('ADDRESS_TOO_LONG', messages.tooLong());
  const text = normalizeAddressText(input);
  if (text === '') return addressError('ADDRESS_EMPTY', messages.empty());
  const bad = text.match(DISALLOWED);
  if (bad) return addressError('ADDRESS_INVALID_CHARACTERS', messages.invalidCharacters([...new Set(bad)].join('')));
  if (!text.includes('號')) return addressError('ADDRESS_NO_NUMBER', messages.noNumber());

  // Names are matched on the 台→臺 folded text; the fold keeps every position, so `text` and
  // `folded` can be cut at the same offsets. The street part keeps the original spelling.
  const folded = foldTai(text);
  const postcode = extractPostcode(folded);
  const locality = parseLocality(folded.slice(postcode.consumed));
  if ('ok' in locality) return locality;
  const notes = [...locality.notes];
  let { city, district } = locality;

  if (postcode.code !== undefined) {
    const checked = checkPostcode(postcode.code, city, district, locality.districtCandidates);
    if ('ok' in checked) return checked;
    ({ city, district } = checked);
    notes.push(...checked.notes);
  }
  if (city === undefined && locality.districtCandidates !== undefined) {
    notes.push(`「${district}」在${locality.districtCandidates.join('、')}都有，未填縣市無法判定`);
  }

  const streetStart = postcode.consumed + locality.consumed;
  const street = parseStreet(text.slice(streetStart), streetStart);
  if (!street.ok) return street.error;
  notes.push(...street.notes);

  const parts: TaiwanAddressParts = { ...street.parts };
  const zip = city === undefined ? undefined : district !== undefined ? postalCodeOf(city, district) : soleCode(city);
  if (zip !== undefined) parts.postalCode = zip;
  if (city !== undefined) parts.city = city;
  if (district !== undefined) parts.district = district;
  if (locality.formerDivision !== undefined) parts.formerDivision = locality.formerDivision;
  if (notes.length > 0) parts.notes = notes;
  return { ok: true, parts: orderParts(parts), canonical: formatCanonicalAddress(parts) };
}

/** 新竹市 (300) and 嘉義市 (600) use one code for the whole city, so it is known without a district. */
function soleCode(city: CityName): string | undefined {
  const codes = [...postalCodesOf(city)];
  return codes.length === 1 ? codes[0] : undefined;
}

/** Key order from 郵遞區號 down to 室, so logged or serialised parts read like the address. */
const PART_ORDER: readonly (keyof TaiwanAddressParts)[] = [
  'postalCode', 'city', 'district', 'village', 'neighborhood', 'road', 'section', 'lane', 'alley', 'subAlley',
  'number', 'numberSuffix', 'floor', 'floorSuffix', 'room', 'formerDivision', 'notes',
];

function orderParts(parts: TaiwanAddressParts): TaiwanAddressParts {
  const ordered: Record<string, unknown> = {};
  for (const key of PART_ORDER) if (parts[key] !== undefined) ordered[key] = parts[key];
  return ordered as TaiwanAddressParts;
}
