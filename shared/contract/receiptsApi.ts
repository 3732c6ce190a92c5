import { CASE_READERS } from '../auth/roles';
import { z } from '../zod';
import { call } from './define';

const CaseNo = z.string().regex(/^[A-Z0-9]{2,12}-\d{7}-\d{4,6}$/, '案件編號格式不正確');

/**
 * The platform's signed receipt for one notification of a case (issue 15 §2), as the case screen
 * shows it. `verified`: the receipt's signature checks against the platform key pinned at
 * enrolment (true ✓ / false ✗), or null when this workstation has pinned no key to check with.
 */
export const ReceiptView = z.object({
  notificationId: z.string(),
  itemCode: z.string(),
  itemTitle: z.string(),
  receiverName: z.string(),
  seq: z.number().int(),
  at: z.string(),
  messageHash: z.string(),
  verified: z.boolean().nullable(),
});
export type ReceiptView = z.infer<typeof ReceiptView>;

export const receiptsApi = {
  'cases.receipts': call({
    input: z.strictObject({ caseNo: CaseNo }),
    output: z.array(ReceiptView),
    access: CASE_READERS,
    passive: true,
    summary: '案件各項通報的平台簽章收據（時間、序號、訊息雜湊、以註冊時釘選的平台公鑰驗證）',
  }),
};
