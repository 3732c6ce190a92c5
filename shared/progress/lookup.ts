import { z } from '../zod';
import { ProgressCaseNoInput, ProgressCodeInput } from './code';

/** POST /v1/progress body: the two things printed on the receipt, nothing else. */
export const ProgressLookupRequest = z.strictObject({ caseNo: ProgressCaseNoInput, code: ProgressCodeInput });
export type ProgressLookupRequest = z.input<typeof ProgressLookupRequest>;

/**
 * One agency's item as the citizen sees it: who, what, where it stands, since when. Deliberately
 * nothing about the person (no name, ID, address, phone) and no payload.
 */
export const ProgressItem = z.object({
  agencyName: z.string(),
  itemName: z.string(),
  status: z.string(),
  /** zh-TW plain words: 已送達、已收件、已辦結、退回… */
  statusLabel: z.string(),
  /** ROC date and Taipei time, e.g. `115/11/27 14:05`. */
  updatedAt: z.string(),
});
export type ProgressItem = z.infer<typeof ProgressItem>;

export const ProgressLookupResponse = z.object({ caseNo: z.string(), items: z.array(ProgressItem) });
export type ProgressLookupResponse = z.infer<typeof ProgressLookupResponse>;

/** Status words for citizens (the clerk-facing labels say 平台已收 etc.; a citizen needs plainer ones). */
export const CITIZEN_STATUS_LABEL: Record<string, string> = {
  /** Registered when the case was saved; the notification has not reached the platform yet (issue 13). */
  registered: '已受理，待送出',
  delivered: '已送達',
  received: '已收件',
  completed: '已辦結',
  rejected: '退回',
  /** The agency asked for what is missing (補件, issue 14); the office contacts the citizen. */
  'awaiting-supplement': '待補件',
};
export const citizenStatusLabel = (status: string): string => CITIZEN_STATUS_LABEL[status] ?? '處理中';
