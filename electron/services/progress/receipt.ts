import type { Language } from '../../../shared/language/languages';
import { progressPageUrl } from '../../../shared/progress/url';
import { AppFailure } from '../../../shared/result';
import { formatRocDate, isoFromDate } from '../../../shared/validators';
import { appendAudit } from '../audit/audit';
import { loadCaseRow, loadNotifications } from '../cases/queries';
import type { Actor, ServiceContext } from '../context';
import { caseLanguage } from '../pdf/caseLanguage';
import { workstationCredential } from '../sync/credentials';
import { renderReceiptPdf, type ReceiptModel } from './receiptPdf';
import { progressCodeOf } from './store';

/**
 * Where citizens look their case up: the address IT configured for this counter (config or policy
 * `platform.url`), else the platform this workstation enrolled with. Neither: the receipt still
 * prints case number and code, without a QR.
 */
export function platformBaseUrl(ctx: ServiceContext): string | null {
  return ctx.config.platform?.url ?? workstationCredential(ctx.db)?.url ?? null;
}

export function receiptModel(ctx: ServiceContext, caseNo: string): ReceiptModel {
  const row = loadCaseRow(ctx, caseNo);
  const code = progressCodeOf(ctx.db, row.id);
  if (!code) {
    throw new AppFailure({ code: 'PROGRESS_CODE_MISSING', message: `案件「${caseNo}」建立於進度查詢功能啟用前，沒有查詢碼；請先按「重新核發查詢碼」再列印收執聯` });
  }
  const base = platformBaseUrl(ctx);
  return {
    officeName: ctx.config.officeName,
    caseNo: row.case_no,
    rocDate: formatRocDate(isoFromDate(new Date(row.created_at))),
    lifeEventName: ctx.catalogue.lifeEvents.find((e) => e.code === row.life_event)?.name ?? row.life_event,
    items: loadNotifications(ctx, row.id).map((n) => ({
      agencyName: ctx.catalogue.agencies.find((a) => a.code === n.receiver_agency)?.name ?? n.receiver_agency,
      itemName: ctx.catalogue.items.find((i) => i.code === n.item_code)?.title ?? n.item_code,
    })),
    code: code.code,
    qrUrl: base ? progressPageUrl(base, row.case_no, code.code) : null,
    pageUrl: base ? progressPageUrl(base) : null,
  };
}

/**
 * The citizen's receipt PDF, in the case's language beside the Chinese unless `language` says
 * otherwise; every print is audited (without the code: the audit log is read by many).
 */
export async function printReceipt(ctx: ServiceContext, actor: Actor | null, caseNo: string, language?: Language): Promise<{ fileName: string; pdf: Uint8Array }> {
  const model = receiptModel(ctx, caseNo);
  const row = loadCaseRow(ctx, caseNo);
  const pdf = await renderReceiptPdf(model, { now: ctx.clock.now(), language: language ?? caseLanguage(row.language) });
  appendAudit(ctx.db, {
    at: ctx.clock.now().toISOString(), actorId: actor?.user.id ?? null, actor: actor?.user.username ?? 'cli', action: 'case.receipt.print', caseNo,
    detail: { items: model.items.length, qr: model.qrUrl !== null, issue: progressCodeOf(ctx.db, row.id)!.record.issue },
    workstation: actor?.workstation ?? ctx.config.workstationId, ip: actor?.ip ?? null,
  });
  return { fileName: `${model.caseNo}-receipt.pdf`, pdf };
}
