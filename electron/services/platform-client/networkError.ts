/**
 * A zh-TW phrase for why a connection failed. undici wraps the socket error as `TypeError('fetch
 * failed')` with the real one in `cause` (ECONNREFUSED, ECONNRESET, UND_ERR_SOCKET…).
 */
export function describeNetworkError(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? (e as { code?: string }).code ?? '';
  switch (code) {
    case 'ECONNREFUSED':
      return '連線被拒絕（平台可能未啟動）';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
    case 'EPIPE':
      return '連線被中斷';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return '找不到平台主機';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return '網路無法到達平台';
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'UNABLE_TO_GET_ISSUER_CERT':
      return '無法驗證平台的憑證（若平台使用縣市自有憑證機構，請 IT 於政策設定 platform.caFile）';
    case 'CERT_HAS_EXPIRED':
      return '平台的憑證已過期';
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return '平台的憑證與網址的主機名稱不符';
    default:
      return code ? `網路錯誤（${code}）` : '網路錯誤';
  }
}
