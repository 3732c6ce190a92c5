/**
 * First-letter table of the 國民身分證統一編號 (and, since they share the checksum, of the 統一證號).
 * The two-digit code — not the letter's alphabet position — feeds the checksum, which is why the
 * numbers jump around (I=34, O=35, W=32): letters were assigned to places over time and the codes
 * were appended rather than renumbered. Names are the historical areas the letters were issued for;
 * after the 2010 municipal mergers some (L 臺中縣, R 臺南縣, S 高雄縣, Y 陽明山) are no longer issued
 * but existing holders keep them, so every letter stays valid.
 */
export type PersonIdArea = { code: number; name: string };

export const PERSON_ID_AREAS: Readonly<Record<string, PersonIdArea>> = Object.freeze({
  A: { code: 10, name: '臺北市' },
  B: { code: 11, name: '臺中市' },
  C: { code: 12, name: '基隆市' },
  D: { code: 13, name: '臺南市' },
  E: { code: 14, name: '高雄市' },
  F: { code: 15, name: '新北市' },
  G: { code: 16, name: '宜蘭縣' },
  H: { code: 17, name: '桃園市' },
  I: { code: 34, name: '嘉義市' },
  J: { code: 18, name: '新竹縣' },
  K: { code: 19, name: '苗栗縣' },
  L: { code: 20, name: '臺中縣' },
  M: { code: 21, name: '南投縣' },
  N: { code: 22, name: '彰化縣' },
  O: { code: 35, name: '新竹市' },
  P: { code: 23, name: '雲林縣' },
  Q: { code: 24, name: '嘉義縣' },
  R: { code: 25, name: '臺南縣' },
  S: { code: 26, name: '高雄縣' },
  T: { code: 27, name: '屏東縣' },
  U: { code: 28, name: '花蓮縣' },
  V: { code: 29, name: '臺東縣' },
  W: { code: 32, name: '金門縣' },
  X: { code: 30, name: '澎湖縣' },
  Y: { code: 31, name: '陽明山' },
  Z: { code: 33, name: '連江縣' },
});

/** Area code of an upper-case letter, or undefined for anything that is not A–Z. */
export const areaCodeOf = (letter: string): number | undefined =>
  Object.hasOwn(PERSON_ID_AREAS, letter) ? PERSON_ID_AREAS[letter]?.code : undefined;
