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
    default:
      return code ? `網路錯誤（${code}）` : '網路錯誤';
  }
}
