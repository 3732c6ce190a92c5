import { CASE_READERS } from '../auth/roles';
import { fromLegacyMoveDraft, GeneralDraft } from '../cases/schema';
import { z } from '../zod';
import { call } from './define';
import { Pin } from './devicesApi';

const CaseNo = z.string().regex(/^[A-Z0-9]{2,12}-\d{7}-\d{4,6}$/, '案件編號格式不正確');

/**
 * What `cases.create` takes (issue 15 §1): the draft and, when the clerk is signed in with a
 * certificate card, the card PIN the save is signed with. The PIN goes to the card and nowhere else
 * (not stored with the case, not logged, not audited); a password session's save carries none.
 */
export const CaseSave = z.preprocess(fromLegacyMoveDraft, GeneralDraft.extend({ cardPin: Pin.optional() }));

export const CASE_SIGNATURE_STATUSES = ['valid', 'record-changed', 'signature-invalid', 'unsigned'] as const;
export type CaseSignatureStatus = (typeof CASE_SIGNATURE_STATUSES)[number];

/** How the case screen says it: 「承辦人卡片簽章：有效」. */
export const CASE_SIGNATURE_LABEL: Record<CaseSignatureStatus, string> = {
  valid: '有效',
  'record-changed': '資料已變更',
  'signature-invalid': '簽章無效',
  unsigned: '未簽章',
};

/** The clerk's card signature of a case checked now: against the card certificate kept with it, and the case as stored. */
export const CaseSignatureView = z.object({
  status: z.enum(CASE_SIGNATURE_STATUSES),
  label: z.string(),
  /** The certificate subject (the clerk), its SHA-256 fingerprint and when it signed; null when unsigned. */
  signer: z.string().nullable(),
  fingerprint: z.string().nullable(),
  signedAt: z.string().nullable(),
});
export type CaseSignatureView = z.infer<typeof CaseSignatureView>;

export const caseCardSignatureApi = {
  'cases.cardSignature': call({
    input: z.strictObject({ caseNo: CaseNo }),
    output: CaseSignatureView,
    access: CASE_READERS,
    passive: true,
    summary: '承辦人卡片簽章驗證（有效／資料已變更／簽章無效／未簽章）',
  }),
};
