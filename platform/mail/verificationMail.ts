import type { Agency, CatalogueItem } from '../../shared/catalogue/schema';
import type { NotificationEnvelope } from '../../shared/platform/wire';
import type { MailDraft } from '../store/repository';

const taipeiTime = (d: Date): string => d.toLocaleString('zh-TW', { timeZone: 'Asia/Taipei', hour12: false });

/**
 * The alert for a new verification request (seed 000 檢證: "以 e-Mail 以及線上即時訊息通知").
 * Deliberately without the citizen's ID number or name: e-mail leaves the platform's control, so it
 * only says which case and item wait, and where to answer.
 */
export function verificationMail(e: NotificationEnvelope, item: CatalogueItem, agency: Agency, sender: Agency | undefined, now: Date, publicUrl: string | null): MailDraft | null {
  if (!agency.email) return null;
  const lines = [
    `${agency.name} 您好：`,
    '',
    `${sender?.name ?? e.senderAgency}（${e.officeCode}）送來一筆檢證請求，民眾正在臨櫃等候回覆。`,
    '請登入 N合一跨機關通報平台的機關收件匣查看內容並回覆。',
    '',
    `案件編號：${e.caseNo}`,
    `檢證項目：${item.code} ${item.title}`,
    `處理時限：${item.processingDays} 日`,
    `平台收件時間：${taipeiTime(now)}`,
    `通報編號：${e.id}`,
    ...(publicUrl ? ['', `平台：${publicUrl}`] : []),
    '',
    '本信不含民眾個人資料，請勿回信；詳細內容請於平台查看。',
  ];
  return { notificationId: e.id, to: agency.email, subject: `【檢證請求】${e.caseNo} ${item.title}`, body: lines.join('\n') };
}
