/** ICAO 9303 machine-readable zones (resident certificates, passports) for the document-reader driver and the UI. */
export { parseMrz, type MrzResult, type MrzOk, type MrzErr, type MrzFields, type MrzSex, type MrzErrorCode, type ParseMrzOptions, type MrzFormat, type MrzFieldName } from './parseMrz';
export { computeCheckDigit } from './checkDigit';
export { composeMrz, type MrzSource } from './compose';
