import { randomInt } from 'node:crypto';
import { PROGRESS_CODE_ALPHABET, PROGRESS_CODE_LENGTH } from '../../../shared/progress/code';

/** Source of uniform integers in [0, max): crypto.randomInt (CSPRNG, rejection-sampled, no modulo bias). */
export type RandomIndex = (max: number) => number;

/** A new receipt code: 8 characters drawn independently and uniformly from the 31-letter alphabet. */
export function generateProgressCode(random: RandomIndex = randomInt): string {
  let out = '';
  for (let i = 0; i < PROGRESS_CODE_LENGTH; i++) out += PROGRESS_CODE_ALPHABET[random(PROGRESS_CODE_ALPHABET.length)]!;
  return out;
}
