import type { CardPerson } from '../../../../../shared/devices/schema';
import { parseRocDate, validatePersonId } from '../../../../../shared/validators';
import { driverError, type DriverOutput } from '../types';
import { Tag } from './protocol';

const invalid = (what: string, why: string): { error: DriverOutput } => ({
  error: driverError('CARD_DATA_INVALID', `卡片資料的${what}不正確（${why}），請重新插卡或改以手動輸入。`),
});

/**
 * The CARD_INSERTED payload (TLV records) as a person, every field checked with the same shared
 * validators the form uses: a card that reads but fails a checksum is a misread, not a person.
 * Messages never repeat the values (they end up in logs and on screen).
 */
export function decodePerson(payload: Uint8Array): { person: CardPerson } | { error: DriverOutput } {
  const fields = new Map<number, Uint8Array>();
  for (let at = 0; at < payload.length; ) {
    const tag = payload[at]!;
    const len = payload[at + 1];
    if (len === undefined || at + 2 + len > payload.length) return invalid('格式', 'TLV 長度超出資料範圍');
    fields.set(tag, payload.subarray(at + 2, at + 2 + len));
    at += 2 + len;
  }
  const text = (tag: number): string | undefined => {
    const v = fields.get(tag);
    if (v === undefined) return undefined;
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(v);
    } catch {
      return '\uFFFD';
    }
  };
  const id = text(Tag.ID);
  const name = text(Tag.NAME)?.trim();
  const birth = text(Tag.BIRTH_DATE);
  const serial = text(Tag.CARD_SERIAL);
  if (id === undefined) return invalid('證號', '缺少證號欄位');
  const idResult = validatePersonId(id);
  if (!idResult.ok) return invalid('證號', idResult.message.replace(/。$/, ''));
  if (!name || name.includes('\uFFFD') || [...name].length > 60 || /[\p{Cc}<>]/u.test(name)) return invalid('姓名', '缺少或含有無法辨識的字元');
  if (birth === undefined || !/^\d{7}$/.test(birth)) return invalid('出生日期', '應為 7 位數民國日期');
  const birthResult = parseRocDate(birth);
  if (!birthResult.ok) return invalid('出生日期', birthResult.message.replace(/。$/, ''));
  if (serial !== undefined && !/^[\x21-\x7e]{1,32}$/.test(serial)) return invalid('卡片序號', '格式不符');
  return { person: { source: 'card', id: idResult.id, name, birthDate: birthResult.iso, cardSerial: serial ?? null, document: null } };
}
