import type { Agency, CatalogueItem } from '../../shared/catalogue/schema';
import { formatRocDateShort } from '../../shared/validators/rocDate';
import { daysOverdue, taipeiDayOf } from '../../shared/overdue/deadline';
import type { OverdueCandidate } from '../overdue/repo';
import type { MailDraft } from '../store/repository';

const roc = (ms: number): string => formatRocDateShort(taipeiDayOf(new Date(ms)));

/**
 * The daily 逾時未回報 reminder to a receiving agency: one mail listing its notifications past the
 * processing time limit. Like the verification alert, no personal data (no name, no ID number, no
 * payload): case number, item and dates only — e-mail leaves the platform's control.
 */
export function overdueMail(agency: Agency & { email: string }, rows: OverdueCandidate[], items: ReadonlyMap<string, CatalogueItem>, day: string, now: Date, publicUrl: string | null): MailDraft {
  const lines = [
    `${agency.name} 您好：`,
    '',
    `截至 ${formatRocDateShort(day)}，貴機關有 ${rows.length} 筆通報已逾處理時限，尚未回報辦理完成或退回：`,
    '',
    '案件編號｜項目｜平台送達日｜處理期限｜逾期日數',
    ...rows.map((r) => {
      const item = items.get(r.itemCode);
      return `${r.caseNo}｜${r.itemCode} ${item?.title ?? ''}｜${roc(r.deliveredMs)}｜${roc(r.dueMs)}｜${daysOverdue(new Date(r.dueMs), now)} 日`;
    }),
    '',
    '處理期限依行政程序法第48條計算（送達次日起算，期間末日為例假日或放假日者以次一上班日為末日）。',
    '請登入 N合一跨機關通報平台的機關收件匣，選擇「只看逾時」處理。',
    ...(publicUrl ? ['', `平台：${publicUrl}`] : []),
    '',
    '本信每日最多寄送一次，不含民眾個人資料，請勿回信。',
  ];
  return {
    // mail_outbox keys a mail by notification; a digest is keyed by agency and day instead.
    notificationId: `overdue:${agency.code}:${day}`,
    to: agency.email,
    subject: `【逾時未回報】${agency.name} ${rows.length} 筆通報已逾處理時限（${formatRocDateShort(day)}）`,
    body: lines.join('\n'),
  };
}
