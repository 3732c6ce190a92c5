import type { Principal } from '../auth/principal';
import type { NotificationEnvelope, WireError } from '../../shared/platform/wire';
import { wireError } from './checkEnvelope';

type Workstation = Extract<Principal, { kind: 'workstation' }>;

/** `FS01-1151126-0001` → `FS01`: a case number starts with the code of the office that opened it. */
export const officeOfCase = (caseNo: string): string => caseNo.slice(0, caseNo.indexOf('-'));

/**
 * Binds an envelope to the workstation's token: its office, the office prefix of its case number and
 * its sender agency must all be the token's. Checked per envelope, so one foreign row is `rejected`
 * on its own and the rest of the counter's queue flows (issue 17 finding 6). Returns null when it is ours.
 */
export function checkOwnership(e: NotificationEnvelope, p: Workstation, path: string): WireError | null {
  if (e.officeCode !== p.officeCode) return wireError('OFFICE_MISMATCH', `工作站屬於「${p.officeCode}」，不能代「${e.officeCode}」送件`, `${path}.officeCode`);
  if (officeOfCase(e.caseNo) !== p.officeCode) return wireError('OFFICE_MISMATCH', `案件編號「${e.caseNo}」不屬於「${p.officeCode}」`, `${path}.caseNo`);
  // Tokens enrolled before codes carried a sender agency cannot prove one: re-enrolment binds it.
  if (p.senderAgency === null) return wireError('OFFICE_MISMATCH', '此工作站的憑證未綁定送件機關，請向平台管理員申請新的註冊碼並重新註冊', `${path}.senderAgency`);
  if (e.senderAgency !== p.senderAgency) return wireError('OFFICE_MISMATCH', `工作站的送件機關是「${p.senderAgency}」，不能以「${e.senderAgency}」名義送件`, `${path}.senderAgency`);
  return null;
}
