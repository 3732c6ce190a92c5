/**
 * Error codes are stable (tests, logs, the platform); messages are zh-TW for the clerk at the counter
 * and name the offending text, because "地址格式錯誤" alone sends them hunting character by character.
 * Messages carry no final 。: callers prefix them (`新住址：…`).
 */

export const ADDRESS_ERROR_CODES = [
  'ADDRESS_EMPTY',
  'ADDRESS_TOO_LONG',
  'ADDRESS_INVALID_CHARACTERS',
  'ADDRESS_NO_NUMBER',
  'ADDRESS_UNKNOWN_CITY',
  'ADDRESS_UNKNOWN_DISTRICT',
  'ADDRESS_DISTRICT_NOT_IN_CITY',
  'ADDRESS_UNKNOWN_POSTCODE',
  'ADDRESS_POSTCODE_MISMATCH',
  'ADDRESS_BAD_NUMBER',
  'ADDRESS_AMBIGUOUS_NUMBER',
  'ADDRESS_NO_ROAD',
  'ADDRESS_UNRECOGNIZED',
  'ADDRESS_INTERNAL',
] as const;

export type AddressErrorCode = (typeof ADDRESS_ERROR_CODES)[number];

/** A refused address: a stable code and the zh-TW message naming what is wrong. */
export type TaiwanAddressError = { ok: false; code: AddressErrorCode; message: string };

export const addressError = (code: AddressErrorCode, message: string): TaiwanAddressError => ({ ok: false, code, message });

/** Longest input accepted; a real address is well under 60 characters, so more is a paste accident. */
export const MAX_ADDRESS_LENGTH = 200;

export const messages = {
  empty: () => '請輸入地址',
  tooLong: () => `地址過長（超過 ${MAX_ADDRESS_LENGTH} 字），請確認是否貼上了其他內容`,
  invalidCharacters: (chars: string) => `地址含有無法辨識的字元「${chars}」`,
  noNumber: () => '地址缺少門牌號碼（○號）',
  unknownCity: (name: string) => `「${name}」不是現行的縣市名稱`,
  unknownDistrict: (name: string, city?: string) => (city ? `${city}沒有「${name}」這個鄉鎮市區` : `無法辨識鄉鎮市區「${name}」`),
  districtNotInCity: (district: string, city: string, actual: readonly string[]) =>
    `「${district}」不屬於${city}${actual.length > 0 ? `（${district}位於${actual.join('、')}）` : ''}`,
  unknownPostcode: (code: string) => `郵遞區號「${code}」不存在`,
  postcodeMismatch: (code: string, place: string, expected: string) => `郵遞區號「${code}」與${place}（${expected}）不符`,
  badNumber: (what: string, written: string, min: number, max: number) => `${what}「${written}」不合理，應為 ${min} 至 ${max}`,
  ambiguousNumber: (written: string) => `「${written}」無法判斷之號與樓層的分界，請以空格或逗號分隔，例如「132號之1 5樓」`,
  noRoad: () => '地址缺少街、路或村里',
  unrecognized: (text: string) => `無法辨識地址中的「${text}」`,
  incomplete: (ending: string) => `地址在「${ending}」之後不完整`,
  internal: () => '地址解析發生未預期的錯誤，請改用手動輸入或洽資訊人員',
} as const;
