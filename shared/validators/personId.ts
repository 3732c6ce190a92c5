/**
 * 身分證統一編號 / 統一證號 validation for the counter's person form.
 *
 * One validator covers both documents because the counter serves citizens and foreign residents at
 * the same desk, and the clerk should not have to pick a document type before typing. The three
 * shapes are told apart by the second character:
 *
 *   國民身分證         A123456789   letter + 1|2 + 8 digits          (1 male, 2 female)
 *   新式統一證號 (2021) A800000014   letter + 8|9 + 8 digits          (8 male, 9 female)
 *   舊式統一證號       AA00000009   letter + A|B|C|D + 8 digits      (A/C male, B/D female)
 *
 * All three share one checksum: area code of the first letter as two digits, then the nine values
 * after it, weighted 1,9,8,7,6,5,4,3,2,1,1; the sum must be a multiple of 10. In the old format the
 * second letter contributes the last digit of its own area code (A→10→0, B→11→1, C→12→2, D→13→3).
 * Old-format cards are still in circulation until they expire, so both resident formats are accepted.
 *
 * Never throws: the result is a plain serializable value (see shared/result.ts for why).
 */
import { toHalfWidth } from './halfWidth';
import { areaCodeOf } from './personIdAreas';

export type PersonIdKind = 'national' | 'resident';
export type PersonIdGender = 'male' | 'female';
export type PersonIdErrorCode =
  | 'PERSON_ID_EMPTY'
  | 'PERSON_ID_FORMAT'
  | 'PERSON_ID_LETTER'
  | 'PERSON_ID_GENDER_DIGIT'
  | 'PERSON_ID_CHECKSUM';

export type PersonIdOk = { ok: true; id: string; kind: PersonIdKind; gender: PersonIdGender };
export type PersonIdErr = { ok: false; code: PersonIdErrorCode; message: string };
export type PersonIdResult = PersonIdOk | PersonIdErr;

const ID_LENGTH = 10;
const WEIGHTS = [1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1] as const;
const SERIAL = /^[0-9]{8}$/;

const fail = (code: PersonIdErrorCode, message: string): PersonIdErr => ({ ok: false, code, message });

const EMPTY = (): PersonIdErr => fail('PERSON_ID_EMPTY', '請輸入身分證統一編號或統一證號。');
const LETTER = (): PersonIdErr => fail('PERSON_ID_LETTER', '證號第 1 碼應為英文字母（A–Z）。');
const GENDER = (): PersonIdErr =>
  fail(
    'PERSON_ID_GENDER_DIGIT',
    '證號第 2 碼不正確：身分證應為 1 或 2，新式統一證號應為 8 或 9，舊式統一證號應為 A、B、C 或 D。',
  );
const CHECKSUM = (): PersonIdErr => fail('PERSON_ID_CHECKSUM', '證號檢查碼不符，請逐碼核對是否輸入錯誤。');

/**
 * What the second character says, and the value it feeds into the checksum. Old-format letters are
 * mapped through the area table (code % 10) rather than hard-coded, because that is how the rule is
 * defined and it keeps a single source for the letter values.
 */
type SecondChar = { kind: PersonIdKind; gender: PersonIdGender; value: number };

const readSecondChar = (ch: string): SecondChar | undefined => {
  switch (ch) {
    case '1':
      return { kind: 'national', gender: 'male', value: 1 };
    case '2':
      return { kind: 'national', gender: 'female', value: 2 };
    case '8':
      return { kind: 'resident', gender: 'male', value: 8 };
    case '9':
      return { kind: 'resident', gender: 'female', value: 9 };
    case 'A':
    case 'B':
    case 'C':
    case 'D': {
      const gender: PersonIdGender = ch === 'A' || ch === 'C' ? 'male' : 'female';
      return { kind: 'resident', gender, value: (areaCodeOf(ch) ?? 0) % 10 };
    }
    default:
      return undefined;
  }
};

/**
 * Trim, fold full-width to ASCII and upper-case ASCII letters only. `toUpperCase()` on the whole
 * string would turn `ß` into `SS` or `ﬁ` into `FI` and change the length under the clerk's feet.
 */
const normalizePersonId = (input: string): string =>
  toHalfWidth(input)
    .trim()
    .replace(/[a-z]/g, (c) => c.toUpperCase());

/** Validate a 身分證統一編號 or 統一證號 (old or new). `id` in the ok result is the normalised form to store. */
export const validatePersonId = (input: string): PersonIdResult => {
  // Callers are typed, but values arrive from IPC and forms; null/undefined means "nothing typed".
  if (typeof input !== 'string') return input == null ? EMPTY() : fail('PERSON_ID_FORMAT', '證號格式不正確。');

  const id = normalizePersonId(input);
  if (id === '') return EMPTY();

  // Count code points, not UTF-16 units, so the message matches what the clerk sees.
  const length = Array.from(id).length;
  if (length !== ID_LENGTH) {
    return fail('PERSON_ID_FORMAT', `證號應為 ${ID_LENGTH} 碼，目前為 ${length} 碼。`);
  }

  // Errors are reported left to right so the clerk fixes the first wrong character first.
  const area = areaCodeOf(id.charAt(0));
  if (area === undefined) return LETTER();

  const second = readSecondChar(id.charAt(1));
  if (second === undefined) return GENDER();

  const serial = id.slice(2);
  if (!SERIAL.test(serial)) return fail('PERSON_ID_FORMAT', '證號第 3 至 10 碼應為數字。');

  const digits = [Math.floor(area / 10), area % 10, second.value, ...Array.from(serial, Number)];
  const sum = digits.reduce((acc, digit, i) => acc + digit * (WEIGHTS[i] ?? 0), 0);
  if (sum % 10 !== 0) return CHECKSUM();

  return { ok: true, id, kind: second.kind, gender: second.gender };
};

const MASK = '****';

/**
 * `A123456789` → `A12****789` for screens, logs and receipts (first 3 + 4 stars + last 3). The
 * middle is always four stars so the mask does not leak the length of odd input; anything shorter
 * than a real ID is masked completely because we cannot tell which part is safe to show.
 */
export const maskPersonId = (id: string): string => {
  if (typeof id !== 'string') return '';
  const chars = Array.from(normalizePersonId(id));
  if (chars.length < ID_LENGTH) return '*'.repeat(chars.length);
  return `${chars.slice(0, 3).join('')}${MASK}${chars.slice(-3).join('')}`;
};
