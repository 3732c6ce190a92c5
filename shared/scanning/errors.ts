/**
 * Every way scanning can fail, with the sentence the scanning clerk reads (zh-TW) — scanners,
 * files and networks are bad input too. `code` is stable for tests and logs; the message says what
 * to do next, not what broke inside.
 */
export const SCAN_ERRORS = {
  SCANNER_NOT_FOUND: '找不到掃描器：請確認電源與連線，或改選其他來源。',
  SCANNER_UNAVAILABLE: '此工作站無法使用這種掃描器（缺少驅動或不支援的作業系統）。',
  SCANNER_BUSY: '掃描器忙碌中（可能有其他人正在使用），請稍候再試。',
  PAPER_JAM: '掃描器卡紙：請打開進紙器取出紙張，已掃描的頁面均已保留，再從卡紙那一頁繼續掃描。',
  ADF_EMPTY: '自動進紙器沒有紙：請放入文件後再按開始。',
  COVER_OPEN: '掃描器上蓋未關：請關上後再試。',
  SCANNER_IO: '掃描器通訊失敗：請檢查連接線或網路後再試。',
  SCANNER_OPTION_UNSUPPORTED: '掃描器不支援所選的設定（來源、解析度或色彩）。',
  SCAN_CANCELLED: '已取消掃描；已完成的頁面均已保留。',
  SCAN_TIMEOUT: '掃描器沒有回應（逾時），請確認裝置狀態後再試。',
  FORMAT_UNSUPPORTED: '不支援的檔案格式：僅接受 PDF、JPEG、PNG、TIFF 掃描檔。',
  FILE_TOO_LARGE: '檔案過大，超過單檔上限：請以較低解析度或分批掃描。',
  FILE_UNREADABLE: '檔案損毀或無法讀取（可能尚未寫完或已加密）。',
  DISK_FULL: '磁碟空間不足，無法保存掃描頁面：請通知資訊人員清出空間，已保存的頁面不受影響。',
  SESSION_ACTIVE: '已有一批掃描正在進行，請等候完成或先取消。',
  SESSION_UNKNOWN: '找不到這批掃描（可能已結束）。',
  PAGE_UNKNOWN: '找不到這個掃描頁面。',
  PAGE_ALREADY_ATTACHED: '這個頁面已歸入案件，不能重複歸檔。',
  ATTACHMENT_UNKNOWN: '找不到這份附件。',
  ATTACHMENT_TAMPERED: '附件檔案與歸檔時的雜湊值不符，可能遭修改或毀損：請通知資訊人員由備份還原。',
  HOT_FOLDER_UNAVAILABLE: '無法讀取收件資料夾：請確認資料夾存在且有讀取權限。',
} as const;

export type ScanErrorCode = keyof typeof SCAN_ERRORS;

/** The clerk's sentence, with a detail (file name, device) when one helps. */
export const scanErrorMessage = (code: ScanErrorCode, detail?: string): string =>
  detail ? `${SCAN_ERRORS[code]}（${detail}）` : SCAN_ERRORS[code];
