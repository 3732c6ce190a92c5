import { formatRocDate, formatRocDateShort } from '../../../shared/validators';

const TIME = new Intl.DateTimeFormat('zh-TW', { timeZone: 'Asia/Taipei', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Taipei', year: 'numeric', month: '2-digit', day: '2-digit' });

/** `2026-11-27T01:02:03Z` → `09:02` (臺灣時間). */
export const timeOf = (isoInstant: string): string => {
  const d = new Date(isoInstant);
  return Number.isNaN(d.getTime()) ? '' : TIME.format(d);
};

/** `2026-11-27T01:02:03Z` → `115/11/27 09:02`. */
export const rocDateTime = (isoInstant: string): string => {
  const d = new Date(isoInstant);
  if (Number.isNaN(d.getTime())) return isoInstant;
  return `${formatRocDateShort(DAY.format(d))} ${TIME.format(d)}`;
};

/** ISO calendar date → 民國115年11月27日, or the input unchanged when it is not a date. */
export const rocLong = (isoDate: string): string => {
  try {
    return formatRocDate(isoDate);
  } catch {
    return isoDate;
  }
};

/** ISO calendar date → 115/11/27, or the input unchanged. */
export const rocShort = (isoDate: string): string => {
  try {
    return formatRocDateShort(isoDate);
  } catch {
    return isoDate;
  }
};
