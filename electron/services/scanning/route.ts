import { parseFormQrPayload } from '../../../shared/forms/consentFormModel';

/** Why a page waits in the unmatched tray (stable codes; the sentence is for the clerk). */
export const UNMATCHED = {
  BLANK: '空白頁（可能是雙面掃描的背面）',
  FOREIGN_QR: '條碼不是本系統的表單',
  CASE_UNKNOWN: '條碼上的案件不在本工作站的資料庫',
  NO_QR: '讀不到條碼，且前一頁沒有歸案',
} as const;
export type UnmatchedCode = keyof typeof UNMATCHED;

/** The document the previous page went into; blank pages do not change it. */
export type PrevPage = { caseId: number; groupKey: string; attached: boolean; rotation: number };

/** A re-scan for a known case: pages without a code go there (first one as `formPage`). */
export type ScanTarget = { caseId: number; formPage: number | null };

export type RouteDecision =
  | { route: 'qr' | 'continuation' | 'target'; caseId: number; formPage: number | null; groupKey: string; qrCaseNo: string | null; qrPage: number | null; qrPages: number | null }
  | { route: 'unmatched'; code: UnmatchedCode; qrCaseNo: string | null; qrPage: number | null; qrPages: number | null };

/**
 * Where one page goes, from its code and the page before it (pure; the caller persists it):
 * - our QR and a case we hold → that case and form page; consecutive pages of one case are one document;
 * - no code, after a routed page → the previous page's document (an ID copy behind the form);
 * - no code, on a re-scan for a case → that case;
 * - anything else → the unmatched tray, with the reason. Nothing is dropped.
 */
export function routePage(
  page: { key: string; qr: string | null; blank: boolean },
  prev: PrevPage | null,
  target: ScanTarget | null,
  findCase: (caseNo: string) => number | null,
): RouteDecision {
  const none = { qrCaseNo: null, qrPage: null, qrPages: null };
  if (page.qr !== null) {
    const parsed = parseFormQrPayload(page.qr);
    if (!parsed) return { route: 'unmatched', code: 'FOREIGN_QR', ...none };
    const qr = { qrCaseNo: parsed.caseNo, qrPage: parsed.page, qrPages: parsed.pages };
    const caseId = findCase(parsed.caseNo);
    if (caseId === null) return { route: 'unmatched', code: 'CASE_UNKNOWN', ...qr };
    const groupKey = prev && !prev.attached && prev.caseId === caseId ? prev.groupKey : page.key;
    return { route: 'qr', caseId, formPage: parsed.page, groupKey, ...qr };
  }
  if (page.blank) return { route: 'unmatched', code: 'BLANK', ...none };
  if (prev && (!target || prev.caseId === target.caseId)) {
    // Its document may already be attached (a later hot-folder drop): then it starts a new one.
    return { route: 'continuation', caseId: prev.caseId, formPage: null, groupKey: prev.attached ? page.key : prev.groupKey, ...none };
  }
  if (target) return { route: 'target', caseId: target.caseId, formPage: target.formPage, groupKey: page.key, ...none };
  return { route: 'unmatched', code: 'NO_QR', ...none };
}
