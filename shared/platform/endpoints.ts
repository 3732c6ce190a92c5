import { z } from '../zod';
import { BatchFile, BatchListQuery, BatchListResponse, BatchUploadRequest, BatchUploadResponse, MAX_BATCH_BODY_BYTES } from './batches';
import { StatsQuery, StatsResponse } from './stats';
import { ProgressLookupRequest, ProgressLookupResponse } from '../progress/lookup';
import { RegisterProgressRequest, RegisterProgressResponse } from '../progress/register';
import { LogHead } from '../signing/schema';
import { AnchoredHead, AnchoredHeadQuery, AnchorReceipt, AuditHead } from '../signing/anchor';
import { EvidenceBundle } from '../signing/evidence';
import { EvidenceList, EvidenceUploadState, MAX_EVIDENCE_CHUNK_BYTES, Sha256Hex } from './evidence';
import {
  ActionResponse,
  AgencyAction,
  AgencyCode,
  ChangesQuery,
  ChangesResponse,
  EnrollRequest,
  EnrollResponse,
  HealthResponse,
  InboxQuery,
  InboxResponse,
  NotificationId,
  NotificationThread,
  OfficeCode,
  SubmitBatchRequest,
  SubmitBatchResponse,
  SupplementAnswer,
} from './wire';

/**
 * The county platform's HTTP API, declared once. The platform registers its routes from this table,
 * builds `GET /v1/openapi.json` from it, and the counter's platform client types its calls from it.
 *
 * Conventions every endpoint follows:
 * - Success: the HTTP status in `status` (200 unless stated) with the `response` schema as the body.
 * - Failure: any 4xx/5xx with `ErrorBody` `{ error: { code, message, path? } }`; codes and statuses in
 *   ./errors.ts. Never retry a 4xx (401 means enrol again); retry 5xx / network errors with backoff.
 * - Auth: `Authorization: Bearer <token>` from POST /v1/enroll (see `auth` below). Identity comes
 *   from the token only; no client clock is ever trusted.
 * - Every request may carry `X-Request-Id` (the platform makes one when absent and echoes it); a
 *   notification's own id is its message id. Both end up in the platform's message log.
 * - `path` uses OpenAPI `{param}` syntax; a literal `:` (as in `notifications:batch`) is part of the path.
 */
export type EndpointAuth =
  /** no credential */
  | 'public'
  /** a counter workstation token (kind `workstation`): scoped to its office */
  | 'workstation'
  /** a receiving-agency client token (kind `agency`): scoped to its agency */
  | 'agency'
  /** any enrolled client or admin; the handler scopes what each sees */
  | 'any-client'
  /** platform admin token (issued by the platform CLI on the server) */
  | 'admin';

export type TokenKind = 'workstation' | 'agency' | 'admin';

/**
 * Which token kinds each auth level admits. Admins see every scope of the `any-client` endpoints
 * (stats, events, uploads) but do not act as an office or an agency: they use the platform CLI.
 */
export const AUTH_ADMITS: Record<EndpointAuth, readonly TokenKind[]> = {
  public: [],
  workstation: ['workstation'],
  agency: ['agency'],
  'any-client': ['workstation', 'agency', 'admin'],
  admin: ['admin'],
};

export type Produces = 'application/json' | 'application/octet-stream' | 'application/pdf' | 'text/event-stream';

export type EndpointSpec<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> = {
  method: 'GET' | 'POST' | 'PUT';
  path: `/v1/${string}`;
  auth: EndpointAuth;
  params?: P;
  query?: Q;
  body?: B;
  /** Body of a success answer (for non-JSON `produces`, a description only). */
  response: R;
  /** Success status; 200 unless stated. */
  status?: 200 | 201;
  produces?: Produces;
  /** A raw (non-JSON) request body: the handler reads the bytes itself (evidence upload chunks). */
  consumes?: 'application/octet-stream';
  /** Request body limit in bytes; 1 MB unless stated. */
  bodyLimit?: number;
  summary: string;
};

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** Keeps each entry's exact type (which parts it has, their schemas) while checking it against EndpointSpec. */
const endpoint = <S extends EndpointSpec>(spec: S): S => spec;

const Empty = z.strictObject({});

export const endpoints = {
  enroll: endpoint({
    method: 'POST',
    path: '/v1/enroll',
    auth: 'public',
    body: EnrollRequest,
    response: EnrollResponse,
    status: 201,
    summary: '以一次性註冊碼換取工作站／機關端的簽章憑證 (enrol a workstation or agency client)',
  }),
  submitNotifications: endpoint({
    method: 'POST',
    path: '/v1/notifications:batch',
    auth: 'workstation',
    body: SubmitBatchRequest,
    response: SubmitBatchResponse,
    summary: '送出一批通報／檢證（以通報編號冪等；重送回傳原結果 duplicate，逐筆 accepted|duplicate|rejected）',
  }),
  agencyInbox: endpoint({
    method: 'GET',
    path: '/v1/agencies/{agency}/inbox',
    auth: 'agency',
    params: z.strictObject({ agency: AgencyCode }),
    query: InboxQuery,
    response: InboxResponse,
    summary: '機關收件匣（游標分頁，依項目／狀態／日期篩選；由舊到新）',
  }),
  notificationAction: endpoint({
    method: 'POST',
    path: '/v1/notifications/{id}/actions',
    auth: 'agency',
    params: z.strictObject({ id: NotificationId }),
    body: AgencyAction,
    response: ActionResponse,
    summary: '機關處理動作：receive 簽收、complete 完成、reject 退回（附理由）、answer 檢證回覆、transfer 改分（同類機關，附理由）、request-supplement 補件（欠缺項目與期限）',
  }),
  supplementAnswer: endpoint({
    method: 'POST',
    path: '/v1/notifications/{id}/supplement',
    auth: 'workstation',
    params: z.strictObject({ id: NotificationId }),
    body: SupplementAnswer,
    response: ActionResponse,
    summary: '臨櫃端回覆補件（本所送出的案件）：補正欄位、說明及／或掃描檔（須先以 PUT /v1/evidence/{sha256} 上傳，否則 EVIDENCE_MISSING；之後接收機關以通報的同意書端點讀取）；通報恢復處理',
  }),
  notificationThread: endpoint({
    method: 'GET',
    path: '/v1/notifications/{id}/thread',
    auth: 'any-client',
    params: z.strictObject({ id: NotificationId }),
    query: Empty,
    response: NotificationThread,
    summary: '單筆通報的改分與補件往返紀錄（接收機關或送件的戶所可看）',
  }),
  officeChanges: endpoint({
    method: 'GET',
    path: '/v1/offices/{office}/changes',
    auth: 'workstation',
    params: z.strictObject({ office: OfficeCode }),
    query: ChangesQuery,
    response: ChangesResponse,
    summary: '本所送出案件自游標之後的所有狀態變更（含 delivered），供臨櫃端同步',
  }),
  events: endpoint({
    method: 'GET',
    path: '/v1/events',
    auth: 'any-client',
    query: Empty,
    response: z.string().describe('text/event-stream: `event: changed` hints (see shared/platform/events.ts)'),
    produces: 'text/event-stream',
    summary: '即時通知（SSE）：有變更時送出 changed 提示，收到後請立即拉取',
  }),
  uploadBatch: endpoint({
    method: 'POST',
    path: '/v1/batches',
    auth: 'any-client',
    body: BatchUploadRequest,
    response: BatchUploadResponse,
    status: 201,
    bodyLimit: MAX_BATCH_BODY_BYTES,
    summary: '上傳定期交換批次檔（上傳系統介接），存 sha256，供指定機關下載',
  }),
  listBatches: endpoint({
    method: 'GET',
    path: '/v1/batches',
    auth: 'agency',
    query: BatchListQuery,
    response: BatchListResponse,
    summary: '列出寄給本機關的批次檔（游標分頁）',
  }),
  getBatch: endpoint({
    method: 'GET',
    path: '/v1/batches/{id}',
    auth: 'agency',
    params: z.strictObject({ id: z.uuid() }),
    response: BatchFile,
    summary: '批次檔中繼資料',
  }),
  downloadBatch: endpoint({
    method: 'GET',
    path: '/v1/batches/{id}/content',
    auth: 'agency',
    params: z.strictObject({ id: z.uuid() }),
    response: z.string().describe('the file bytes; header X-Content-SHA256 carries the sha256'),
    produces: 'application/octet-stream',
    summary: '下載批次檔內容（回應標頭 X-Content-SHA256）',
  }),
  evidenceStatus: endpoint({
    method: 'GET',
    path: '/v1/evidence/{sha256}',
    auth: 'workstation',
    params: z.strictObject({ sha256: Sha256Hex }),
    query: Empty,
    response: EvidenceUploadState,
    summary: '同意書檔案（依 SHA-256）在平台上已收到的長度（亦可用 HEAD：標頭 Upload-Offset、Upload-Length），供續傳',
  }),
  evidenceUpload: endpoint({
    method: 'PUT',
    path: '/v1/evidence/{sha256}',
    auth: 'workstation',
    params: z.strictObject({ sha256: Sha256Hex }),
    consumes: 'application/octet-stream',
    response: EvidenceUploadState,
    bodyLimit: MAX_EVIDENCE_CHUNK_BYTES,
    summary: '上傳同意書檔案的一段（標頭 Content-Range: bytes 起-迄/總長，起點須等於已收長度）；最後一段完成時驗證雜湊與 PDF 格式後保存，同一檔案只存一份',
  }),
  notificationEvidence: endpoint({
    method: 'GET',
    path: '/v1/notifications/{id}/evidence',
    auth: 'agency',
    params: z.strictObject({ id: NotificationId }),
    query: Empty,
    response: EvidenceList,
    summary: '接收機關查看此通報所附的民眾簽名同意書頁（僅本機關項目頁與個資同意頁）',
  }),
  downloadEvidence: endpoint({
    method: 'GET',
    path: '/v1/notifications/{id}/evidence/{sha256}',
    auth: 'agency',
    params: z.strictObject({ id: NotificationId, sha256: Sha256Hex }),
    query: Empty,
    response: z.string().describe('the PDF; header X-Content-SHA256 carries the sha256, checked again on every read'),
    produces: 'application/pdf',
    summary: '下載此通報的同意書 PDF（每次讀取都重新驗證雜湊，不符回 EVIDENCE_CORRUPT；留稽核紀錄）',
  }),
  inboxEvidence: endpoint({
    method: 'GET',
    path: '/v1/inbox/{id}/evidence',
    auth: 'agency',
    params: z.strictObject({ id: NotificationId }),
    query: Empty,
    response: EvidenceBundle,
    summary: '接收機關下載通報的證據包（nin1-evidence/1：簽章訊息、平台收據、訊息紀錄鏈與簽章紀錄頭，與 export-evidence 相同）；僅限本機關收件的通報，留稽核紀錄',
  }),
  stats: endpoint({
    method: 'GET',
    path: '/v1/stats',
    auth: 'any-client',
    query: StatsQuery,
    response: StatsResponse,
    summary: '統計交叉分析：依項目／機關／戶所／日／狀態計數，及各機關處理時間（工作站限本所、機關限本機關）',
  }),
  progressLookup: endpoint({
    method: 'POST',
    path: '/v1/progress',
    auth: 'public',
    body: ProgressLookupRequest,
    response: ProgressLookupResponse,
    bodyLimit: 4096,
    summary: '民眾案件進度查詢：案件編號＋收執聯查詢碼（POST 避免查詢碼留在存取紀錄；每案件、每 IP 限次，超過回 429 與 Retry-After；查無與查詢碼錯誤回應完全相同；只回各機關辦理狀態，不含個人資料）',
  }),
  registerProgress: endpoint({
    method: 'POST',
    path: '/v1/progress/records',
    auth: 'workstation',
    body: RegisterProgressRequest,
    response: RegisterProgressResponse,
    summary: '登錄案件進度紀錄（存檔即登錄，不待同意書：只含案件編號、查詢碼雜湊與各項目／接收機關，不含個人資料）；案件編號須屬本所；冪等，重送回 registered；查詢時未到的項目顯示「已受理，待送出」',
  }),
  health: endpoint({
    method: 'GET',
    path: '/v1/health',
    auth: 'public',
    response: HealthResponse,
    summary: '平台健康狀態',
  }),
  logHead: endpoint({
    method: 'GET',
    path: '/v1/log/head',
    auth: 'public',
    response: LogHead,
    summary: '訊息紀錄（雜湊鏈）最新一筆的序號與雜湊，附平台簽章與公鑰（issue 15）',
  }),
  anchorAudit: endpoint({
    method: 'POST',
    path: '/v1/audit/anchor',
    auth: 'workstation',
    body: AuditHead,
    response: AnchorReceipt,
    summary: '櫃台稽核紀錄雜湊鏈的最新筆數與雜湊（每次同步送出），記入訊息紀錄並回傳平台簽章收據（issue 15）',
  }),
  auditAnchor: endpoint({
    method: 'GET',
    path: '/v1/audit/anchor',
    auth: 'workstation',
    query: AnchoredHeadQuery,
    response: AnchoredHead,
    summary: '平台為本工作站存證的最大稽核紀錄筆數與雜湊，附呼叫端查核碼與平台簽章（verify-audit --against-platform 用）',
  }),
  openapi: endpoint({
    method: 'GET',
    path: '/v1/openapi.json',
    auth: 'public',
    response: z.record(z.string(), z.unknown()),
    summary: 'OpenAPI 3.1 文件（由本表產生）',
  }),
};

export type Endpoints = typeof endpoints;
export type EndpointName = keyof Endpoints;

type Part<E, K extends 'params' | 'query' | 'body', IO extends 'in' | 'out'> = E extends { [P in K]: infer S extends z.ZodType }
  ? IO extends 'in'
    ? z.input<S>
    : z.output<S>
  : undefined;

/** What a client passes for endpoint K (schema inputs: defaults may be omitted). */
export type EndpointRequest<K extends EndpointName> = {
  params: Part<Endpoints[K], 'params', 'in'>;
  query: Part<Endpoints[K], 'query', 'in'>;
  body: Part<Endpoints[K], 'body', 'in'>;
};
/** What the platform handler receives for endpoint K (parsed, defaults applied). */
export type ParsedRequest<K extends EndpointName> = {
  params: Part<Endpoints[K], 'params', 'out'>;
  query: Part<Endpoints[K], 'query', 'out'>;
  body: Part<Endpoints[K], 'body', 'out'>;
};
export type EndpointResponse<K extends EndpointName> = z.output<Endpoints[K]['response']>;

/**
 * `/v1/agencies/{agency}/inbox` + `{ agency: 'KH-TAX' }` + `{ limit: 50 }` →
 * `/v1/agencies/KH-TAX/inbox?limit=50`. Undefined query values are left out.
 */
export function endpointPath(path: string, params: Record<string, string> = {}, query: Record<string, unknown> = {}): string {
  const filled = path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`missing path parameter ${name} for ${path}`);
    return encodeURIComponent(v);
  });
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null) continue;
    qs.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  const s = qs.toString();
  return s ? `${filled}?${s}` : filled;
}
