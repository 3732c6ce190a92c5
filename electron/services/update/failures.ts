/**
 * What to do after electron-updater reports an error. A bad signature or checksum means the file
 * on the feed is not what we built (or was tampered with): never retry that version, tell IT. A
 * network problem is retried later. In every case the installed version keeps running: nothing
 * is installed before download and verification have both succeeded.
 */
export type UpdateFailure = {
  kind: 'signature' | 'checksum' | 'feed' | 'network' | 'other';
  /** Refuse this version from now on (until IT publishes a new one). */
  blockVersion: boolean;
  retryAfterMs: number;
  message: string;
};

const HOUR = 3_600_000;

export function classifyUpdateError(e: { code?: string; message?: string } | null | undefined): UpdateFailure {
  const code = e?.code ?? '';
  const text = e?.message ?? '';
  if (code === 'ERR_UPDATER_INVALID_SIGNATURE' || /not signed by the application owner|publisherNames|signature/i.test(text)) {
    return { kind: 'signature', blockVersion: true, retryAfterMs: 24 * HOUR, message: '更新檔的數位簽章不符（發行者名稱或簽章無效），已拒絕安裝，目前版本照常使用。請通知資訊人員。' };
  }
  if (/sha512 checksum mismatch|checksum/i.test(text) || code === 'ERR_CHECKSUM_MISMATCH') {
    return { kind: 'checksum', blockVersion: true, retryAfterMs: 24 * HOUR, message: '更新檔內容與更新資訊的雜湊值不符，已拒絕安裝，目前版本照常使用。請通知資訊人員。' };
  }
  if (code === 'ERR_UPDATER_INVALID_UPDATE_INFO' || code === 'UPDATE_FEED_INVALID' || code === 'ERR_UPDATER_LATEST_VERSION_NOT_FOUND') {
    return { kind: 'feed', blockVersion: false, retryAfterMs: 4 * HOUR, message: '更新伺服器上的更新資訊有誤，稍後再試；目前版本照常使用。' };
  }
  if (/ENOTFOUND|ECONNREFUSED|ETIMEDOUT|ECONNRESET|EAI_AGAIN|net::|socket|HttpError|status code 5\d\d/i.test(`${code} ${text}`)) {
    return { kind: 'network', blockVersion: false, retryAfterMs: HOUR, message: '無法連線到更新伺服器，稍後自動再試；目前版本照常使用。' };
  }
  return { kind: 'other', blockVersion: false, retryAfterMs: 4 * HOUR, message: '更新失敗，稍後自動再試；目前版本照常使用。' };
}
