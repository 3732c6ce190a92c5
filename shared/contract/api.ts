import { Role } from '../auth/roles';
import { CaseDetail, CaseSummary, CreatedCase } from '../cases/schema';
import { Agency, CatalogueItem, LifeEvent } from '../catalogue/schema';
import { z } from '../zod';
import { call, type InputOf, type OutputOf } from './define';
import { CASE_READERS, CASE_WRITERS } from '../auth/roles';
import { syncApi } from './syncApi';
import { devicesApi } from './devicesApi';
import { adminApi } from './adminApi';
import { scanningApi } from './scanningApi';
import { privacyApi } from './privacyApi';
import { statsApi } from './statsApi';
import { overdueApi } from './overdueApi';
import { progressApi } from './progressApi';
import { accountsApi } from './accountsApi';
import { supplementsApi } from './supplementsApi';
import { receiptsApi } from './receiptsApi';
import { inboxThreadApi } from './inboxThreadApi';
import { caseCardSignatureApi, CaseSave } from './caseCardSignatureApi';

export const CaseNo = z.string().regex(/^[A-Z0-9]{2,12}-\d{7}-\d{4,6}$/, '案件編號格式不正確');

export const SessionUser = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  officeCode: z.string(),
  /** Signed in with a certificate card (`session.current`): the case save then asks for the card PIN and is signed on the card (issue 15 §1). */
  cardSession: z.boolean().optional(),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const SystemInfo = z.object({
  appName: z.string(),
  version: z.string(),
  officeCode: z.string(),
  officeName: z.string(),
  workstationId: z.string(),
  demo: z.boolean(),
  catalogueVersion: z.string(),
  /** 'electron' or 'browser-host', so the UI can say where it runs. */
  shell: z.enum(['electron', 'browser-host', 'cli']),
  /** Minutes without activity before the renderer locks itself (policy idleLockMinutes; the services expire the session at the same time). */
  idleLockMinutes: z.number().positive().optional(),
});
export type SystemInfo = z.infer<typeof SystemInfo>;

const Empty = z.strictObject({});

/** Every call the renderer (and the CLI) can make. Keys are `domain.verb`. */
export const api = {
  'system.info': call({ input: Empty, output: SystemInfo, access: 'public', summary: '工作站與版本資訊' }),
  'session.login': call({
    input: z.strictObject({ username: z.string().trim().min(1, '請輸入帳號').max(64), password: z.string().min(1, '請輸入密碼').max(256) }),
    output: z.object({ token: z.string(), user: SessionUser }),
    access: 'public',
    summary: '以帳號密碼登入',
  }),
  'session.current': call({ input: Empty, output: SessionUser, access: 'signed-in', summary: '目前登入者' }),
  'session.logout': call({ input: Empty, output: z.object({}), access: 'signed-in', summary: '登出' }),
  'catalogue.get': call({
    input: Empty,
    output: z.object({ version: z.string(), agencies: z.array(Agency), items: z.array(CatalogueItem), lifeEvents: z.array(LifeEvent) }),
    access: 'signed-in',
    summary: '服務目錄（機關、通報與檢證項目、生活事件）',
  }),
  'cases.create': call({ input: CaseSave, output: CreatedCase, access: CASE_WRITERS, summary: '儲存案件（案件、通報、待送佇列與稽核一次交易；憑證卡登入時並以承辦人卡片簽章）' }),
  'cases.get': call({ input: z.strictObject({ caseNo: CaseNo }), output: CaseDetail, access: CASE_READERS, summary: '案件明細（記錄查詢稽核）' }),
  'cases.today': call({ input: Empty, output: z.array(CaseSummary), access: CASE_READERS, summary: '本日案件' }),
  'cases.search': call({
    input: z.strictObject({ query: z.string().trim().min(1, '請輸入查詢條件').max(40) }),
    output: z.array(CaseSummary),
    access: CASE_READERS,
    summary: '以案件編號、身分證號或姓名查詢案件',
  }),
  'cases.documentArrived': call({
    input: z.strictObject({ caseNo: CaseNo, code: z.string().min(1).max(40) }),
    output: z.object({ status: z.string(), documentsCompleteOn: z.string().nullable(), missing: z.number().int() }),
    access: CASE_WRITERS,
    summary: '補件：註記欠缺文件已送達（全數到齊之日為證件備齊日）',
  }),
  'cases.formPdf': call({
    input: z.strictObject({ caseNo: CaseNo }),
    output: z.object({ fileName: z.string(), pdfBase64: z.string(), pages: z.number().int() }),
    access: CASE_READERS,
    summary: '案件申請書暨同意書 PDF',
  }),
  ...syncApi,
  ...devicesApi,
  ...adminApi,
  ...scanningApi,
  ...privacyApi,
  ...statsApi,
  ...overdueApi,
  ...progressApi,
  ...accountsApi,
  ...supplementsApi,
  ...receiptsApi,
  ...inboxThreadApi,
  ...caseCardSignatureApi,
};

export type Api = typeof api;
export type ApiMethod = keyof Api;
export type ApiInput<K extends ApiMethod> = InputOf<Api, K>;
export type ApiOutput<K extends ApiMethod> = OutputOf<Api, K>;

export const isApiMethod = (m: string): m is ApiMethod => Object.prototype.hasOwnProperty.call(api, m);
