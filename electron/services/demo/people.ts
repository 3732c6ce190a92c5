import { validatePersonId } from '../../../shared/validators';
import { pick } from './random';

// Most common surnames in Taiwan (內政部 姓氏統計) and ordinary given-name characters.
const SURNAMES = ['陳', '林', '黃', '張', '李', '王', '吳', '劉', '蔡', '楊', '許', '鄭', '謝', '洪', '郭', '邱', '曾', '廖', '賴', '徐', '周', '葉', '蘇', '莊', '呂', '江', '何', '蕭', '羅', '高'];
const GIVEN = ['怡', '君', '志', '明', '雅', '婷', '家', '豪', '冠', '宇', '淑', '芬', '建', '宏', '俊', '傑', '美', '玲', '詩', '涵', '承', '恩', '宜', '蓁', '柏', '翰', '佳', '穎', '文', '彬', '秀', '英', '國', '華', '信', '良', '思', '妤', '品', '睿'];
const LETTERS = 'ABCDEFGHJKMNPQTUVWXZ';

export const randomName = (rand: () => number): string =>
  pick(rand, SURNAMES) + pick(rand, GIVEN) + (rand() < 0.85 ? pick(rand, GIVEN) : '');

/** A national ID with a correct check digit (first letter, gender digit, 7 random digits, check digit). */
export function randomNationalId(rand: () => number): string {
  const body = pick(rand, LETTERS.split('')) + (rand() < 0.5 ? '1' : '2') + String(Math.floor(rand() * 1e7)).padStart(7, '0');
  for (let check = 0; check <= 9; check++) {
    const candidate = body + check;
    if (validatePersonId(candidate).ok) return candidate;
  }
  throw new Error(`no check digit for ${body}`);
}

export function randomBirthDate(rand: () => number, now: Date): string {
  return birthDateAged(rand, now, 18, 79);
}

/** A birth date of someone `minAge`–`maxAge` years old on `now` (never after `now`). */
export function birthDateAged(rand: () => number, now: Date, minAge: number, maxAge: number): string {
  const age = minAge + Math.floor(rand() * (maxAge - minAge + 1));
  const d = new Date(Date.UTC(now.getUTCFullYear() - age, Math.floor(rand() * 12), 1 + Math.floor(rand() * 28)));
  return new Date(Math.min(d.getTime(), now.getTime())).toISOString().slice(0, 10);
}

/** The ISO day `days` before `now` (event dates: a death, a delivery). */
export const isoDaysBefore = (now: Date, days: number): string => new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);

/** 金融機構代號 (郵局 700 or a bank) and a 14-digit account, as a passbook prints it. */
export const randomBankAccount = (rand: () => number): string =>
  `${pick(rand, ['700', '004', '005', '006', '008', '012', '808', '822'])}-${String(Math.floor(rand() * 1e7)).padStart(7, '0')}${String(Math.floor(rand() * 1e7)).padStart(7, '0')}`;

export const randomMobile = (rand: () => number): string => `09${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`;
