/** zh-TW wording for MRZ problems. Every error ends by asking for a re-swipe: a misread is the usual cause. */
export type MrzFieldName = 'documentNumber' | 'birthDate' | 'expiryDate' | 'optionalData' | 'composite' | 'sex' | 'personId';

export const MRZ_FIELD_LABEL: Readonly<Record<MrzFieldName, string>> = {
  documentNumber: '證件號碼',
  birthDate: '出生日期',
  expiryDate: '證件效期',
  optionalData: '個人號碼（選擇性資料）',
  composite: '整體檢查碼',
  sex: '性別',
  personId: '統一證號',
};

export const RESWIPE = '請重新刷讀證件。';
