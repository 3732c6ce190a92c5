import { CASE_WRITERS } from '../auth/roles';
import { z } from '../zod';
import { call } from './define';

const CaseNo = z.string().regex(/^[A-Z0-9]{2,12}-\d{7}-\d{4,6}$/, '案件編號格式不正確');

/** Citizen progress lookup calls at the counter: the receipt (issue 7). */
export const progressApi = {
  /**
   * The citizen's receipt: case number, notified agencies, the progress-lookup code and a QR to the
   * platform's page. Only the people who serve citizens at the counter print it (the code grants the
   * public lookup); each print is audited.
   */
  'cases.receiptPdf': call({
    input: z.strictObject({ caseNo: CaseNo }),
    output: z.object({ fileName: z.string(), pdfBase64: z.string() }),
    access: CASE_WRITERS,
    summary: '案件收執聯 PDF（案件編號、通報機關、進度查詢碼與 QR 碼；列印記錄稽核）',
  }),
  /**
   * A new progress-lookup code for the case (lost receipt, code seen by others, case saved before
   * codes existed); the old one stops working once the platform has the new record. Audited.
   */
  'cases.receiptReissue': call({
    input: z.strictObject({ caseNo: CaseNo }),
    output: z.object({ caseNo: z.string(), issue: z.number().int(), resent: z.boolean() }),
    access: CASE_WRITERS,
    summary: '重新核發案件進度查詢碼（舊碼失效；經同步送平台；記錄稽核）',
  }),
};
