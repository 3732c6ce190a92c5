import type { Role } from '../auth/roles';
import { z } from '../zod';
import { call } from './define';

/** Fields that are masked by default and may be shown in full for one case, with a reason. */
export const UNMASKABLE_FIELDS = ['personId', 'phone'] as const;
export const UnmaskField = z.enum(UNMASKABLE_FIELDS);
export type UnmaskField = z.infer<typeof UnmaskField>;

/** Who may ask to see a masked field in full (always for one open case, always audited). */
export const UNMASKERS: readonly Role[] = ['counter_clerk', 'supervisor'];

export const privacyApi = {
  'person.unmask': call({
    // Reason and case number are checked by the service, not the schema: a request without them must
    // still reach the service so that the refusal itself is audited (issue 7).
    input: z.strictObject({
      caseNo: z.string().trim().max(40).default(''),
      reason: z.string().trim().max(200).default(''),
      fields: z.array(UnmaskField).min(1, '請選擇要顯示的欄位').max(UNMASKABLE_FIELDS.length),
    }),
    output: z.object({ caseNo: z.string(), values: z.object({ personId: z.string().optional(), phone: z.string().nullable().optional() }) }),
    access: UNMASKERS,
    summary: '顯示個人資料完整內容（須填事由與辦理中案件編號；記錄於稽核）',
  }),
};
