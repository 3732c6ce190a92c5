import { parseTaiwanAddress } from '../address';
import type { FieldDef } from '../catalogue/schema';
import { parseDateInput } from '../dates/isoDate';
import { validatePersonId } from '../validators';
import type { FieldValue } from './schema';

type Fail = (code: string, message: string) => void;

/** 段 + optional 小段 + 地號 (e.g. 鳳山段一小段123-4地號), the way 地政 writes a parcel. */
const PARCEL = /^(\S{1,12}?段)(\S{1,6}?小段)?(\d{1,5}(?:-\d{1,4})?)地號$/;
/** Taiwan registration plates after 2012 (ABC-1234, 123-ABC, AB-1234, 1234-AB …): two groups of 2–4 letters/digits. */
const PLATE = /^[A-Z0-9]{2,4}-[A-Z0-9]{2,4}$/;
/** 金融機構代號 (3 digits) and the account (6–16 digits), as a passbook prints them. */
const BANK_ACCOUNT = /^(\d{3})-?(\d{6,16})$/;

const isEmpty = (v: FieldValue | undefined) => v === undefined || v === '' || v === false || (Array.isArray(v) && v.length === 0);

/** A list field accepts an array or one text with entries separated by newlines, 、 or commas. */
const asList = (v: FieldValue): string[] | undefined =>
  Array.isArray(v) ? v.map((s) => s.trim()).filter(Boolean) : typeof v === 'string' ? v.split(/[\n、,，;；]+/).map((s) => s.trim()).filter(Boolean) : undefined;

/**
 * Checks one value against its field definition and returns it normalised (ISO dates, canonical
 * addresses, numbers as numbers, lists as arrays), or undefined after reporting a zh-TW message.
 * An empty optional field yields undefined (a boolean yields false).
 */
export function validateField(field: FieldDef, raw: FieldValue | undefined, today: string, fail: Fail): FieldValue | undefined {
  const value = typeof raw === 'string' ? raw.trim() : raw;
  if (isEmpty(value)) {
    if (field.required) {
      if (field.type === 'boolean') fail('FIELD_MUST_CONFIRM', `請確認「${field.label}」`);
      else fail('FIELD_REQUIRED', `請填寫「${field.label}」`);
    }
    return field.type === 'boolean' ? false : undefined;
  }
  const v = value as FieldValue;
  const bad = (code: string, message: string): undefined => {
    fail(code, message);
    return undefined;
  };
  switch (field.type) {
    case 'boolean':
      return typeof v === 'boolean' ? v : bad('FIELD_TYPE', `「${field.label}」須為是或否`);
    case 'number':
    case 'money': {
      const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v.normalize('NFKC').replace(/[,，\s]/g, '').replace(/^NT\$|元$/gi, '')) : NaN;
      if (!Number.isFinite(n) || n < 0 || !Number.isInteger(n)) {
        return bad('FIELD_NUMBER', field.type === 'money' ? `「${field.label}」須為新臺幣整數金額` : `「${field.label}」須為正整數`);
      }
      return n;
    }
    case 'parcels':
    case 'plates': {
      const list = asList(v);
      if (!list) return bad('FIELD_TYPE', `「${field.label}」須為清單`);
      const out: string[] = [];
      for (const entry of list) {
        const text = entry.normalize('NFKC').replace(/\s+/g, '');
        if (field.type === 'plates') {
          const plate = text.toUpperCase();
          if (!PLATE.test(plate)) return bad('FIELD_PLATE', `「${field.label}」：車牌「${entry}」格式不正確（例如 ABC-1234）`);
          out.push(plate);
        } else {
          if (!PARCEL.test(text)) return bad('FIELD_PARCEL', `「${field.label}」：地號「${entry}」格式不正確（例如 鳳山段一小段123地號）`);
          out.push(text);
        }
      }
      if (new Set(out).size !== out.length) return bad('FIELD_LIST_DUPLICATE', `「${field.label}」有重複的項目`);
      return out;
    }
    default:
      break;
  }
  if (typeof v !== 'string') return bad('FIELD_TYPE', `「${field.label}」須為文字`);
  if (field.maxLength !== undefined && [...v].length > field.maxLength) return bad('FIELD_TOO_LONG', `「${field.label}」最多 ${field.maxLength} 字`);
  switch (field.type) {
    case 'address': {
      const a = parseTaiwanAddress(v);
      return a.ok ? a.canonical : bad(a.code, `「${field.label}」：${a.message}`);
    }
    case 'date': {
      const d = parseDateInput(v);
      if (!d.ok) return bad(d.code, `「${field.label}」：${d.message}`);
      if (!field.future && d.iso > today) return bad('DATE_FUTURE', `「${field.label}」不可晚於今天`);
      return d.iso;
    }
    case 'personId': {
      const p = validatePersonId(v);
      return p.ok ? p.id : bad(p.code, `「${field.label}」：${p.message}`);
    }
    case 'bankAccount': {
      const m = BANK_ACCOUNT.exec(v.normalize('NFKC').replace(/\s+/g, ''));
      return m ? `${m[1]}-${m[2]}` : bad('FIELD_BANK_ACCOUNT', `「${field.label}」須為 3 碼金融機構代號加 6–16 碼帳號（例如 700-00012345678901）`);
    }
    case 'select':
      return field.options?.includes(v) ? v : bad('FIELD_OPTION', `「${field.label}」須為：${field.options?.join('、')}`);
    default:
      return v;
  }
}
