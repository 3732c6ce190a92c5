/**
 * Taiwan address (門牌地址) parsing and normalisation. Pure TypeScript: used by the renderer while
 * typing, by services when saving a case and by the platform when validating a notification.
 */
export { parseTaiwanAddress } from './parse';
export { formatCanonicalAddress } from './canonical';
export { normalizeAddressText } from './normalize';
export { parseNumeral, toChineseNumeral } from '../text/numerals';
export { CITY_NAMES, FORMER_CITIES, districtsOf, postalCodeOf, type CityName } from './divisions';
export { ADDRESS_ERROR_CODES, type AddressErrorCode } from './errors';
export type { TaiwanAddressParts, TaiwanAddressResult, TaiwanAddressOk, TaiwanAddressError } from './types';
