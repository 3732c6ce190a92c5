/**
 * Every error code the county platform can answer with, its HTTP status and its zh-TW message.
 * Declared once so the server, the counter's platform client (retry or not?) and tests agree.
 * Rule for clients: 5xx and network errors are retryable; 4xx never are (fix the request first),
 * except 401 AUTH_* which means "enrol again".
 */
export const PLATFORM_ERRORS = {
  BAD_JSON: { status: 400, message: '請求內容不是有效的 JSON' },
  BAD_REQUEST: { status: 400, message: '無法解讀的 HTTP 請求' },
  REQUEST_TIMEOUT: { status: 408, message: '請求傳送逾時，連線已關閉，請重試' },
  HEADERS_TOO_LARGE: { status: 431, message: '請求標頭過大' },
  INPUT_INVALID: { status: 400, message: '請求資料格式不正確' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '請求內容類型須為 application/json' },
  BODY_TOO_LARGE: { status: 413, message: '傳送的資料超過大小上限' },
  FILE_TOO_LARGE: { status: 413, message: '批次檔案超過大小上限' },
  AUTH_MISSING: { status: 401, message: '缺少平台憑證，請先完成工作站註冊' },
  AUTH_INVALID: { status: 401, message: '平台憑證無效，請重新註冊' },
  AUTH_EXPIRED: { status: 401, message: '平台憑證已過期，請重新註冊' },
  AUTH_REVOKED: { status: 401, message: '平台憑證已被撤銷，請聯絡平台管理員' },
  ENROLL_CODE_INVALID: { status: 401, message: '註冊碼無效、已使用或已過期' },
  FORBIDDEN: { status: 403, message: '無權限存取此資料' },
  TOO_MANY_STREAMS: { status: 429, message: '此憑證開啟的即時通知連線過多，請先關閉其他連線' },
  QUOTA_EXCEEDED: { status: 429, message: '批次上傳已達每日上限，請稍後再試' },
  NOT_FOUND: { status: 404, message: '找不到指定的資料' },
  ROUTE_NOT_FOUND: { status: 404, message: '平台沒有這個服務路徑' },
  ITEM_UNKNOWN: { status: 422, message: '未知的通報／檢證項目代碼' },
  AGENCY_UNKNOWN: { status: 422, message: '未知的機關代碼' },
  ITEM_MISMATCH: { status: 422, message: '項目的送件機關、接收機關或類別與服務目錄不符' },
  PAYLOAD_INVALID: { status: 422, message: '通報內容不符合項目的欄位規定' },
  ID_CONFLICT: { status: 409, message: '此編號已由其他單位使用' },
  OFFICE_MISMATCH: { status: 403, message: '通報的機關（戶所）、案件編號或送件機關與此工作站的憑證不符' },
  CASE_CONFLICT: { status: 409, message: '此案件編號已登記為其他民眾或其他機關（戶所）的案件' },
  INVALID_TRANSITION: { status: 409, message: '此案件目前的狀態不能執行這個動作' },
  ACTION_NOT_ALLOWED: { status: 422, message: '此類案件不能執行這個動作' },
  TRANSFER_KIND: { status: 422, message: '只能改分給同類且不同的機關' },
  TRANSFER_LOOP: { status: 409, message: '不可改分回曾經承辦此案的機關（改分迴圈），請與該機關協調' },
  SUPPLEMENT_OPEN: { status: 409, message: '此案件已有尚未回覆的補件' },
  SUPPLEMENT_ROUND: { status: 409, message: '沒有這一輪待回覆的補件（可能已回覆或已結案）' },
  SIGNATURE_MISSING: { status: 422, message: '此工作站已登記簽章金鑰，通報須附簽章' },
  SIGNATURE_INVALID: { status: 422, message: '簽章驗證失敗：內容遭變更或簽章不符' },
  SIGNING_KEY_UNKNOWN: { status: 403, message: '簽章金鑰不屬於此工作站的憑證' },
  SIGNING_KEY_REVOKED: { status: 403, message: '簽章金鑰已撤銷或已更換，請重新註冊工作站' },
  EVIDENCE_TOO_LARGE: { status: 413, message: '同意書檔案超過平台的大小上限' },
  EVIDENCE_NOT_PDF: { status: 415, message: '同意書檔案須為 PDF' },
  EVIDENCE_HASH_MISMATCH: { status: 422, message: '上傳的檔案內容與其 SHA-256 不符，平台未保存' },
  EVIDENCE_OFFSET: { status: 409, message: '續傳位置與平台已收到的長度不符，請先查詢已收長度再續傳' },
  EVIDENCE_MISSING: { status: 422, message: '通報引用的同意書檔案尚未完整上傳到平台' },
  EVIDENCE_CORRUPT: { status: 500, message: '平台保存的同意書檔案與其雜湊不符（可能遭竄改），不提供內容；已記錄，請通知平台管理者' },
  EVIDENCE_UNSIGNED: { status: 409, message: '這筆通報未經簽章（舊版櫃台送出），沒有可供驗證的證據包' },
  EVIDENCE_PURGED: { status: 410, message: '這筆通報已逾保存年限，訊息內容已刪除，無法產生證據包（訊息紀錄項目仍在雜湊鏈中）' },
  INTERNAL: { status: 500, message: '平台發生未預期的錯誤，請稍後再試' },
  UNAVAILABLE: { status: 503, message: '平台暫時無法服務，請稍後再試' },
} as const satisfies Record<string, { status: number; message: string }>;

export type PlatformErrorCode = keyof typeof PLATFORM_ERRORS;

/** Retry policy in one place: transport failures and 5xx yes, everything else no. */
export const isRetryableStatus = (status: number): boolean => status >= 500 || status === 408 || status === 429;
