import { z } from '../zod';
import { AgencyCode, NotificationId, WireError } from '../platform/wire';
import { CASE_NO_RE, ProgressRecord } from './code';

/**
 * `POST /v1/progress/records` (issue 13, last finding): the counter registers a saved case's
 * progress record with the platform before any notification of it may leave (they wait for the
 * signed consent scan), so the receipt's lookup works the same day. Nothing personal: the case
 * number, the salted code hash already used by the lookup, and per item the notification id (so the
 * platform can show the notification's real status once it arrives), item code and receiving agency.
 * No consent hold applies to it. Re-posting is harmless (idempotent; a reissue's higher `issue` wins).
 */
export const MAX_PROGRESS_REGISTRATIONS = 200;
/** A case has at most a few dozen items (the death bundle is the largest). */
export const MAX_PROGRESS_ITEMS = 100;

export const ProgressRegistrationItem = z.strictObject({
  notificationId: NotificationId,
  itemCode: z.string().regex(/^[A-Z][A-Z0-9-]{1,31}$/, '項目代碼格式不正確'),
  receiverAgency: AgencyCode,
});
export type ProgressRegistrationItem = z.infer<typeof ProgressRegistrationItem>;

export const ProgressRegistration = z.strictObject({
  caseNo: z.string().regex(CASE_NO_RE, '案件編號格式不正確'),
  progress: ProgressRecord,
  items: z.array(ProgressRegistrationItem).max(MAX_PROGRESS_ITEMS, `一件案件最多 ${MAX_PROGRESS_ITEMS} 個項目`),
});
export type ProgressRegistration = z.infer<typeof ProgressRegistration>;

export const RegisterProgressRequest = z.strictObject({
  records: z.array(ProgressRegistration).min(1, '至少要有一件案件').max(MAX_PROGRESS_REGISTRATIONS, `一次最多 ${MAX_PROGRESS_REGISTRATIONS} 件案件`),
});
export type RegisterProgressRequest = z.infer<typeof RegisterProgressRequest>;

/**
 * Per case: `registered` (stored now or before: the same answer, so a retry is harmless) or
 * `rejected` (never retried). A case number of another office is rejected with one fixed message
 * that says nothing about that case.
 */
export const RegisterProgressResult = z.discriminatedUnion('outcome', [
  z.object({ caseNo: z.string(), outcome: z.literal('registered') }),
  z.object({ caseNo: z.string(), outcome: z.literal('rejected'), error: WireError }),
]);
export type RegisterProgressResult = z.infer<typeof RegisterProgressResult>;

export const RegisterProgressResponse = z.object({ results: z.array(RegisterProgressResult) });
export type RegisterProgressResponse = z.infer<typeof RegisterProgressResponse>;
