import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { ConsentFormModel } from '../../../shared/forms/consentFormModel';
import { stampMetadata } from './metadata';
import { FORM_FONT, fontkitAdapter, loadFormFont, subsetFontName } from './font';
import { drawQrCode } from './qr';
import { wrapText } from './textLayout';

/** One item of a case, as the legacy single-item paper form (seed 000: 郵寄／傳真) prints it. */
export type LegacyItemFormModel = Omit<ConsentFormModel, 'items' | 'lifeEventName'> & {
  item: ConsentFormModel['items'][number];
  notificationId: string;
  lifeEventName: string;
};

/** QR on the paper form: lets the receiving agency (or our scanner) find the notification again. */
export const legacyItemQrPayload = (caseNo: string, itemCode: string, notificationId: string): string => `NIN1-ITEM:${caseNo}:${itemCode}:${notificationId}`;

const PAGE_W = 595.28;
const PAGE_H = 841.89;
const M = 42;
const W = PAGE_W - 2 * M;
const QR = 60;
const LABEL_W = 110;
const INK = rgb(0, 0, 0);
const SOFT = rgb(0.3, 0.3, 0.3);
const SHADE = rgb(0.91, 0.91, 0.91);

/**
 * The long-outage fallback: one A4 page per item, for the post or the fax, with the same embedded
 * CJK font and vector QR code as the combined consent form. Deliberately plain — a table of what
 * the receiving agency needs, the citizen's consent wording for that item, and room for the stamp.
 */
export async function renderLegacyItemForm(model: LegacyItemFormModel, options: { fontPath?: string; now?: Date } = {}): Promise<Uint8Array> {
  const { bytes } = await loadFormFont(options.fontPath);
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkitAdapter);
  const font = await doc.embedFont(bytes, { subset: true, customName: subsetFontName(JSON.stringify(model), FORM_FONT.postscriptName) });
  const page = doc.addPage([PAGE_W, PAGE_H]);
  const text = (s: string, x: number, y: number, size: number, color = INK) => page.drawText(s, { x, y, size, font, color });

  const kind = model.item.kind === 'verification' ? '檢證' : '通報';
  let y = PAGE_H - M - 18;
  text(`${model.item.title}（${kind}單）`, M, y, 16);
  y -= 20;
  text(`紙本${kind}：因通報平台暫時無法連線，由${model.officeName}以郵寄或傳真送達`, M, y, 9, SOFT);
  drawQrCode(page, legacyItemQrPayload(model.caseNo, model.item.code, model.notificationId), { x: PAGE_W - M - QR, y: PAGE_H - M - QR, size: QR });
  y = PAGE_H - M - QR - 24;

  const rows: [string, string][] = [
    ['受文機關', model.item.receiverName],
    ['發文機關', model.officeName],
    ['案件編號', model.caseNo],
    ['項目代碼', model.item.code],
    ['通報編號', model.notificationId],
    ['申請日期', model.rocDate],
    ['申辦事由', model.lifeEventName],
    ['申請人姓名', model.person.name],
    ['國民身分證統一編號', model.person.id],
    ['出生日期', model.person.birthDate],
    ...(model.person.phone ? [['聯絡電話', model.person.phone] as [string, string]] : []),
    ...model.participants.map((p): [string, string] => [`${p.roleLabel}`, [p.name, p.id].filter(Boolean).join('　')]),
    ...model.eventFields.map((f): [string, string] => [f.label, f.value]),
    ...model.item.fields.map((f): [string, string] => [f.label, f.value]),
  ];
  y = drawTable(page, font, rows, y);
  y -= 18;

  text('申請人同意事項', M, y, 11);
  y -= 16;
  for (const line of wrapText(model.item.consentText, W, (s) => font.widthOfTextAtSize(s, 10))) {
    text(line, M, y, 10);
    y -= 15;
  }
  y -= 8;
  text('（申請人已於本案申請書暨通報作業民眾同意書簽章同意，原件存於受理機關。）', M, y, 9, SOFT);
  y -= 40;
  text(`承辦人員：${model.clerkName}`, M, y, 10);
  text('機關印信：', M + W / 2, y, 10);
  page.drawRectangle({ x: M + W / 2 + 56, y: y - 50, width: 120, height: 70, borderColor: SOFT, borderWidth: 0.6 });

  page.drawLine({ start: { x: M, y: 36 }, end: { x: M + W, y: 36 }, thickness: 0.4, color: SOFT });
  text(`表單版本：${model.formVersion}（單項紙本）`, M, 24, 8, SOFT);

  const now = options.now ?? new Date();
  stampMetadata(doc, { title: `${model.item.title}（${model.caseNo}）`, author: model.officeName, at: now });
  return doc.save({ useObjectStreams: true });
}

/** Label/value rows with wrapped values; returns the y below the table. */
function drawTable(page: PDFPage, font: PDFFont, rows: [string, string][], top: number): number {
  const size = 10;
  const lh = size * 1.4;
  let y = top;
  for (const [label, value] of rows) {
    const lines = wrapText(value || '—', W - LABEL_W - 12, (s) => font.widthOfTextAtSize(s, size));
    const h = Math.max(20, lines.length * lh + 6);
    page.drawRectangle({ x: M, y: y - h, width: LABEL_W, height: h, color: SHADE });
    page.drawRectangle({ x: M, y: y - h, width: W, height: h, borderColor: SOFT, borderWidth: 0.6 });
    const labelSize = font.widthOfTextAtSize(label, 9) > LABEL_W - 12 ? 8 : 9;
    page.drawText(label, { x: M + 6, y: y - h / 2 - 3, size: labelSize, font, color: SOFT });
    lines.forEach((ln, i) => page.drawText(ln, { x: M + LABEL_W + 6, y: y - 4 - (i + 1) * lh + 3, size, font, color: INK }));
    y -= h;
  }
  return y;
}
