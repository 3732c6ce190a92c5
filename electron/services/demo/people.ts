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
  const age = 18 + Math.floor(rand() * 62);
  const d = new Date(Date.UTC(now.getUTCFullYear() - age, Math.floor(rand() * 12), 1 + Math.floor(rand() * 28)));
  return d.toISOString().slice(0, 10);
}

export const randomMobile = (rand: () => number): string => `09${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`;
