/**
 * The one printed form of an address, used on forms, in notifications and to compare addresses
 * (新址 = 舊址?). Decisions, following how 戶政 writes 門牌:
 * - 縣市/鄉鎮市區 use today's official names, hence 臺 (臺北市, 臺東市); no postal code (it is
 *   derived data and lives in `parts.postalCode`).
 * - 段 in Chinese numerals (二段, 十一段), as on 門牌 and road signs.
 * - 鄰/巷/弄/衖/號/樓/室 in half-width Arabic digits (5鄰, 32巷, 132號, 7樓).
 * - 之 stays where 門牌 put it: `132號之1`, `5樓之1`; `132之1號`/`132-1號` input is printed as `132號之1`.
 * - Below ground is `地下1樓` (not B1).
 * - No spaces. The one place where that would be ambiguous is a 號之N followed by a floor:
 *   `132號之1` + `5樓` would read as `132號之15樓`. There — after a 之N that is followed by a floor
 *   or a room — and only there, we put a full-width comma: `132號之1，5樓`, `5樓之1，3室`. It is unambiguous, survives copy-paste and re-parses to the same parts
 *   (a space would be stripped by most systems this text travels through).
 */
import { toChineseNumeral } from '../text/numerals';
import type { TaiwanAddressParts } from './types';

export function formatCanonicalAddress(p: TaiwanAddressParts): string {
  const out: string[] = [p.city ?? '', p.district ?? '', p.village ?? ''];
  if (p.neighborhood !== undefined) out.push(`${p.neighborhood}鄰`);
  out.push(p.road ?? '');
  if (p.section !== undefined) out.push(`${toChineseNumeral(p.section)}段`);
  if (p.lane !== undefined) out.push(`${p.lane}巷`);
  if (p.alley !== undefined) out.push(`${p.alley}弄`);
  if (p.subAlley !== undefined) out.push(`${p.subAlley}衖`);
  out.push(`${p.number}號`);
  // `之N` ends in digits, so whatever follows it gets a separator (see above).
  let afterSuffix = false;
  if (p.numberSuffix !== undefined) {
    out.push(`之${p.numberSuffix}`);
    afterSuffix = true;
  }
  if (p.floor !== undefined) {
    if (afterSuffix) out.push('，');
    out.push(p.floor < 0 ? `地下${-p.floor}樓` : `${p.floor}樓`);
    afterSuffix = p.floorSuffix !== undefined;
    if (afterSuffix) out.push(`之${p.floorSuffix}`);
  }
  if (p.room !== undefined) {
    if (afterSuffix) out.push('，');
    out.push(`${p.room}室`);
  }
  return out.join('');
}
